/** Where the administrator's pages are (in the main bundle: the layout links to them). */
export const ADMIN_PATHS = {
  users: '/admin/users',
  organisations: '/admin/organisations',
  audit: '/admin/audit',
} as const;

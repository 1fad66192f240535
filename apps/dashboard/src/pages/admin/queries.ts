/** Administration (issue 16): the user directory, organisations and the audit log, through the API's admin-only fields. */
import { gql } from '../../graphql/client';
import type {
  AdminAuditQuery,
  AdminAuditQueryVariables,
  AdminCreateOrganisationMutation,
  AdminCreateOrganisationMutationVariables,
  AdminCreateUserMutation,
  AdminCreateUserMutationVariables,
  AdminDirectoryQuery,
  AdminMoveUserMutation,
  AdminMoveUserMutationVariables,
  AdminSetDisabledMutation,
  AdminSetDisabledMutationVariables,
} from '../../graphql/generated';

export const DIRECTORY_QUERY = gql<AdminDirectoryQuery>(/* GraphQL */ `
  query AdminDirectory {
    users {
      id
      name
      email
      role
      disabled
      createdAt
      organisation {
        id
        name
        kind
      }
    }
    organisations {
      id
      kind
      name
      subjectId
    }
    indicators {
      id
      title
    }
  }
`);

export const AUDIT_QUERY = gql<AdminAuditQuery, AdminAuditQueryVariables>(/* GraphQL */ `
  query AdminAudit($limit: Int, $userId: ID, $action: String, $from: String, $to: String) {
    auditLog(limit: $limit, userId: $userId, action: $action, from: $from, to: $to) {
      id
      at
      userId
      role
      organisationId
      action
      target
      detail
    }
  }
`);

export const CREATE_USER_MUTATION = gql<AdminCreateUserMutation, AdminCreateUserMutationVariables>(/* GraphQL */ `
  mutation AdminCreateUser($input: CreateUserInput!) {
    createUser(input: $input) {
      id
      name
    }
  }
`);

export const SET_DISABLED_MUTATION = gql<AdminSetDisabledMutation, AdminSetDisabledMutationVariables>(/* GraphQL */ `
  mutation AdminSetDisabled($id: ID!, $disabled: Boolean!) {
    setUserDisabled(id: $id, disabled: $disabled) {
      id
      disabled
    }
  }
`);

export const MOVE_USER_MUTATION = gql<AdminMoveUserMutation, AdminMoveUserMutationVariables>(/* GraphQL */ `
  mutation AdminMoveUser($id: ID!, $organisationId: ID!) {
    setUserOrganisation(id: $id, organisationId: $organisationId) {
      id
      organisation {
        id
        name
      }
    }
  }
`);

export const CREATE_ORGANISATION_MUTATION = gql<
  AdminCreateOrganisationMutation,
  AdminCreateOrganisationMutationVariables
>(/* GraphQL */ `
  mutation AdminCreateOrganisation($input: CreateOrganisationInput!) {
    createOrganisation(input: $input) {
      id
      name
    }
  }
`);

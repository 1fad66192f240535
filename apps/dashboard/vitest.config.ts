import { mergeConfig } from 'vitest/config';
import shared from '../../vitest.shared.ts';

// Unit tests cover the pure modules (data shaping, formatting, URL state, the GraphQL client), so
// they run in node: no DOM library is installed. Browser checks come later with playwright-core.
export default mergeConfig(shared, {
  test: {
    environment: 'node',
    include: ['src/**/*.test.ts'],
  },
});

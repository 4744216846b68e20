import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { AppProvider, createQueryClient } from '../app/provider';

/** renderWithApp renders ui inside the app providers with a fresh query cache. */
export function renderWithApp(ui: ReactElement) {
  const client = createQueryClient();
  return { client, ...render(<AppProvider client={client}>{ui}</AppProvider>) };
}

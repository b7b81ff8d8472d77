import { createTheme } from '@mantine/core';

/** WhatsApp-adjacent teal as the primary colour; the rest is Mantine's default. */
export const theme = createTheme({
  primaryColor: 'teal',
  defaultRadius: 'md',
  fontFamily:
    'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif',
});

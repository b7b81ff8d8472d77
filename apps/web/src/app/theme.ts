import {
  Anchor,
  createTheme,
  darken,
  isLightColor,
  lighten,
  type CSSVariablesResolver,
  type NotificationProps,
} from '@mantine/core';
import i18n from '../i18n/i18n';

// WCAG 2.2 AA asks 4.5:1 for text. Mantine's defaults miss it in places (gray-6 "dimmed" text
// on white is 3.3:1, teal-6 buttons with white text 2.4:1 (teal-9: 5:1), yellow-9 on yellow-1 badges
// 2.6:1), so the theme picks darker shades and lets Mantine choose black or white text on
// filled colours: 0.179 is the luminance where black and white contrast equally (both
// ≥ 4.58:1), so the better of the two always passes.

const LUMINANCE_THRESHOLD = 0.179;

/** WhatsApp-adjacent teal as the primary colour, with shades and text colours that meet AA. */
export const theme = createTheme({
  primaryColor: 'teal',
  primaryShade: { light: 9, dark: 9 },
  autoContrast: true,
  luminanceThreshold: LUMINANCE_THRESHOLD,
  defaultRadius: 'md',
  // A visible focus ring for keyboard users on every control (WCAG 2.4.7 / 2.4.11).
  focusRing: 'auto',
  // No transitions for people who ask their system for less motion (WCAG 2.3.3).
  respectReducedMotion: true,
  components: {
    // Links are recognisable without colour (WCAG 1.4.1).
    Anchor: Anchor.extend({ defaultProps: { underline: 'always' } }),
    // A notification's close button is an icon with no name of its own (WCAG 4.1.2); every
    // notification gets one here, so no call of notifications.show can forget it. Mantine
    // resolves a function at each render, so the name follows a language switch.
    Notification: {
      defaultProps: (): Partial<NotificationProps> => ({
        closeButtonProps: { 'aria-label': i18n.t('common.close') },
      }),
    },
  },
  fontFamily:
    'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", "Noto Sans Arabic", Tahoma, sans-serif',
});

/** Darker text shades for light backgrounds, lighter ones for dark, per colour. */
export const cssVariablesResolver: CSSVariablesResolver = (t) => {
  const light: Record<string, string> = {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    '--mantine-color-anchor': 'var(--mantine-color-teal-9)',
    '--mantine-color-error': 'var(--mantine-color-red-9)',
    '--mantine-color-placeholder': 'var(--mantine-color-gray-6)',
  };
  const dark: Record<string, string> = {
    '--mantine-color-dimmed': 'var(--mantine-color-dark-1)',
    '--mantine-color-error': 'var(--mantine-color-red-4)',
    '--mantine-color-placeholder': 'var(--mantine-color-dark-2)',
  };
  for (const [name, shades] of Object.entries(t.colors)) {
    if (name === 'dark') continue;
    // On white and on the pale "light" variant background.
    const deep = darken(shades[9], 0.35);
    light[`--mantine-color-${name}-text`] = deep;
    light[`--mantine-color-${name}-light-color`] = deep;
    light[`--mantine-color-${name}-outline`] = deep;
    // Mantine hovers a shade-9 filled control with shade 8, which is lighter: white text on
    // it drops under 4.5:1, and a button stays hovered after a click while the mouse rests on
    // it. Hover one step away from the text colour instead, so the contrast only grows.
    const filled = shades[9];
    const hover = isLightColor(filled, LUMINANCE_THRESHOLD)
      ? lighten(filled, 0.1)
      : darken(filled, 0.1);
    light[`--mantine-color-${name}-filled-hover`] = hover;
    dark[`--mantine-color-${name}-filled-hover`] = hover;
    // On the dark body and the dark "light" variant background.
    dark[`--mantine-color-${name}-text`] = `var(--mantine-color-${name}-3)`;
    dark[`--mantine-color-${name}-outline`] = `var(--mantine-color-${name}-3)`;
  }
  return { variables: {}, light, dark };
};

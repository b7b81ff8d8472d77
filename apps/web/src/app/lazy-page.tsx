import {
  lazy,
  Suspense,
  type ComponentType,
  type LazyExoticComponent,
  type ReactNode,
} from 'react';
import { Center, Loader } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/**
 * A page loaded on demand: its module (and whatever only it imports, such as the template
 * builder's editor or a chart library) becomes its own chunk, fetched the first time the
 * route renders. Pages keep named exports; `name` picks the one to show.
 */
export function lazyPage<P extends object, K extends string>(
  load: () => Promise<Record<K, ComponentType<P>>>,
  name: K,
): LazyExoticComponent<ComponentType<P>> {
  return lazy(async () => ({ default: (await load())[name] }));
}

/** What a section shows while its chunk loads: a labelled spinner, announced politely. */
export function PageLoader() {
  const { t } = useTranslation();
  return (
    <Center mih="40vh" role="status" aria-live="polite">
      <Loader aria-label={t('common.loading')} />
    </Center>
  );
}

/** Suspense boundary with the page loader as its fallback. */
export function PageSuspense({ children }: { children: ReactNode }) {
  return <Suspense fallback={<PageLoader />}>{children}</Suspense>;
}

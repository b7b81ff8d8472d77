#!/usr/bin/env node
// The `kiana` command. The server runs its TypeScript through tsx's loader.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');

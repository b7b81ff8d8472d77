// One normaliser for the SPA and the server's public form: it lives in the contracts.
export { normaliseDigits } from '@kiana/contracts';

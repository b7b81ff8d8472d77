// Words that are the same in every language: the product's and other products' names, and
// examples of formats (phone numbers, URLs, template names) that are typed as shown. They
// live here, not in JSX, so the no-literal lint rule keeps meaning "a sentence to translate".
export const productName = 'Kiana';
export const databaseNames = { sqlite: 'SQLite', postgres: 'PostgreSQL' } as const;
export const bearerExample = 'Authorization: Bearer <key>';
export const phoneExample = '+44 20 7946 0958';
export const buttonPhoneExample = '+15550100';
export const templateNameExample = 'summer_sale_2026';
export const buttonUrlExample = 'https://…/{{1}}';
export const unknownValue = '?';
export const wabaLabel = 'WABA';

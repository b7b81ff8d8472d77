import { registerPersonalDataFallback } from '../data-registry';

/** Message templates: business content, no customer data (parameters are filled per send). */
export function registerTemplatesTables(): void {
  registerPersonalDataFallback(
    {
      table: 'wa_templates',
      module: 'templates',
      classification: 'none',
      description: 'Message templates and their review status.',
    },
    {
      table: 'wa_template_events',
      module: 'templates',
      classification: 'none',
      description: 'Template status, quality and category changes.',
    },
  );
}

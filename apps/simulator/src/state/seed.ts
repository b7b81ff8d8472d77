import type { SeedData, TemplateDef } from './model';

// Default "Meta" the demo mode and tests start from. Ids look like real Graph ids; numbers
// use the reserved 555-01xx range. Customers cover the wa_id rewriting rules (NOTES §8):
// Brazil with and without the ninth digit, Mexico 521, Argentina 549.

const WABA_ID = '102290129340398';

const stopButton = { type: 'QUICK_REPLY' as const, text: 'Stop promotions' };

const templates: TemplateDef[] = [
  {
    id: '1192339204654487',
    wabaId: WABA_ID,
    name: 'hello_world',
    language: 'en_US',
    category: 'UTILITY',
    status: 'APPROVED',
    parameterFormat: 'POSITIONAL',
    components: [
      { type: 'HEADER', format: 'TEXT', text: 'Hello World' },
      {
        type: 'BODY',
        text: 'Welcome and congratulations!! This message demonstrates your ability to send a WhatsApp message notification from the Cloud API, hosted by Meta.',
      },
      { type: 'FOOTER', text: 'WhatsApp Business Platform sample message' },
    ],
  },
  {
    id: '1689556908129832',
    wabaId: WABA_ID,
    name: 'order_confirmation',
    language: 'en_US',
    category: 'UTILITY',
    status: 'APPROVED',
    parameterFormat: 'NAMED',
    components: [
      {
        type: 'HEADER',
        format: 'TEXT',
        text: 'Order {{order_id}}',
        example: { header_text_named_params: [{ param_name: 'order_id', example: 'A-1001' }] },
      },
      {
        type: 'BODY',
        text: 'Hi {{first_name}}, your order {{order_id}} ships on {{ship_date}}. Thank you for shopping with us!',
        example: {
          body_text_named_params: [
            { param_name: 'first_name', example: 'Ana' },
            { param_name: 'order_id', example: 'A-1001' },
            { param_name: 'ship_date', example: 'May 3' },
          ],
        },
      },
      {
        type: 'BUTTONS',
        buttons: [
          {
            type: 'URL',
            text: 'Track order',
            url: 'https://shop.example.com/track/{{1}}',
            example: ['A-1001'],
          },
        ],
      },
    ],
  },
  {
    id: '1689556908129833',
    wabaId: WABA_ID,
    name: 'summer_sale_2026',
    language: 'en_US',
    category: 'MARKETING',
    status: 'APPROVED',
    parameterFormat: 'POSITIONAL',
    components: [
      { type: 'HEADER', format: 'IMAGE', example: { header_handle: ['4::aW1hZ2UvanBlZw==:sim'] } },
      {
        type: 'BODY',
        text: 'Hi {{1}}! Get {{2}} off everything until {{3}}.',
        example: { body_text: [['Ana', '$25.00', 'August 31']] },
      },
      { type: 'FOOTER', text: 'Not interested? Tap Stop promotions' },
      {
        type: 'BUTTONS',
        buttons: [
          {
            type: 'URL',
            text: 'Shop now',
            url: 'https://shop.example.com/sale/{{1}}',
            example: ['SUMMER25'],
          },
          stopButton,
        ],
      },
    ],
  },
  {
    id: '1689556908129834',
    wabaId: WABA_ID,
    name: 'new_arrivals_video',
    language: 'pt_BR',
    category: 'MARKETING',
    status: 'APPROVED',
    parameterFormat: 'POSITIONAL',
    components: [
      { type: 'HEADER', format: 'VIDEO', example: { header_handle: ['4::dmlkZW8vbXA0:sim'] } },
      {
        type: 'BODY',
        text: 'Olá {{1}}, chegaram novidades na loja! Quer ver?',
        example: { body_text: [['Ana']] },
      },
      { type: 'BUTTONS', buttons: [{ type: 'QUICK_REPLY', text: 'Quero ver' }, stopButton] },
    ],
  },
  {
    id: '1689556908129835',
    wabaId: WABA_ID,
    name: 'invoice_ready',
    language: 'es_MX',
    category: 'UTILITY',
    status: 'APPROVED',
    parameterFormat: 'POSITIONAL',
    components: [
      {
        type: 'HEADER',
        format: 'DOCUMENT',
        example: { header_handle: ['4::YXBwbGljYXRpb24vcGRm:sim'] },
      },
      {
        type: 'BODY',
        text: 'Hola {{1}}, tu factura {{2}} por {{3}} está lista.',
        example: { body_text: [['María', 'F-2040', '$450.00 MXN']] },
      },
    ],
  },
  {
    id: '1689556908129836',
    wabaId: WABA_ID,
    name: 'pickup_location',
    language: 'en_US',
    category: 'UTILITY',
    status: 'APPROVED',
    parameterFormat: 'POSITIONAL',
    components: [
      { type: 'HEADER', format: 'LOCATION' },
      {
        type: 'BODY',
        text: 'Your order {{1}} is ready for pickup at this store.',
        example: { body_text: [['A-1001']] },
      },
      { type: 'BUTTONS', buttons: [{ type: 'QUICK_REPLY', text: 'On my way' }] },
    ],
  },
  {
    id: '1689556908129837',
    wabaId: WABA_ID,
    name: 'welcome_offer',
    language: 'en_US',
    category: 'MARKETING',
    status: 'APPROVED',
    parameterFormat: 'POSITIONAL',
    components: [
      {
        type: 'HEADER',
        format: 'TEXT',
        text: 'Welcome, {{1}}!',
        example: { header_text: ['Ana'] },
      },
      {
        type: 'BODY',
        text: 'Use the code below to get {{1}} off your first order.',
        example: { body_text: [['15%']] },
      },
      {
        type: 'BUTTONS',
        buttons: [{ type: 'COPY_CODE', example: 'WELCOME15' }, stopButton],
      },
    ],
  },
  {
    id: '1689556908129838',
    wabaId: WABA_ID,
    name: 'appointment_reminder',
    language: 'en_US',
    category: 'UTILITY',
    status: 'APPROVED',
    parameterFormat: 'NAMED',
    components: [
      {
        type: 'BODY',
        text: 'Hi {{name}}, this is a reminder of your appointment on {{date}}.',
        example: {
          body_text_named_params: [
            { param_name: 'name', example: 'Ana' },
            { param_name: 'date', example: 'May 3, 10:00' },
          ],
        },
      },
      {
        type: 'BUTTONS',
        buttons: [
          { type: 'QUICK_REPLY', text: 'Confirm' },
          { type: 'QUICK_REPLY', text: 'Reschedule' },
        ],
      },
    ],
  },
];

/** A fresh copy of the default seed (callers may mutate it). */
export function defaultSeed(): SeedData {
  return structuredClone({
    waba: {
      id: WABA_ID,
      name: 'Kiana Demo Store',
      appId: '1234567890123456',
      timezoneId: '1',
      messageTemplateNamespace: 'c8ae5f90_307a_ca4c_b8f6_d1e2a2573574',
      messagingLimitTier: 'TIER_2K',
      country: 'US',
    },
    phoneNumbers: [
      {
        id: '106540352242922',
        wabaId: WABA_ID,
        displayPhoneNumber: '+1 555-0100',
        verifiedName: 'Kiana Demo Store',
        qualityRating: 'GREEN',
        throughputLevel: 'STANDARD',
      },
      {
        id: '106540352242923',
        wabaId: WABA_ID,
        displayPhoneNumber: '+1 555-0101',
        verifiedName: 'Kiana Demo Support',
        qualityRating: 'GREEN',
        throughputLevel: 'STANDARD',
      },
    ],
    templates,
    customers: [
      { waId: '16505551234', name: 'Sheena Nelson' },
      { waId: '5511987654321', name: 'Ana Souza' },
      // Belo Horizonte (area 31): registered without the ninth digit, so sends to
      // 55 31 9XXXX-XXXX come back with wa_id 55 31 XXXX-XXXX.
      { waId: '553188776655', name: 'João Lima' },
      { waId: '5215512345678', name: 'María García' },
      { waId: '5491123456789', name: 'Sofía Pérez' },
      { waId: '447700900123', name: 'Oliver Smith' },
      { waId: '919876543210', name: 'Priya Sharma' },
    ],
  } satisfies SeedData);
}

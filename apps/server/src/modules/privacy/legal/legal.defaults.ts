import type { LegalPage, PanelLanguage } from '@kiana/contracts';
import { legalDefaultsAr } from './legal.defaults.ar';
import { legalDefaultsEs } from './legal.defaults.es';
import { legalDefaultsFa } from './legal.defaults.fa';
import { legalDefaultsPtBr } from './legal.defaults.pt-br';

/**
 * The built-in texts of the public legal pages, written for this product. Placeholders in
 * double braces are filled when the page is shown (see `legalPlaceholders`), so the company
 * details and retention periods on the page are always the configured ones.
 */
const privacy = `# Privacy policy

This policy explains how **{{company}}** ("we") handles personal data when we talk to
customers on WhatsApp through our messaging console. It applies to the people we message
and who message us, and to the members of our team who use the console.

## Who is responsible

{{company}}, {{address}}. Questions about this policy or your data: {{email}}.

## What we process and why

| Data | Examples | Why we need it |
| --- | --- | --- |
| Team accounts and access data | username, name, password hash, sign-in times, two-factor settings | to let our team sign in securely and to know who did what |
| WhatsApp and Meta configuration | business account and phone number ids, access tokens (encrypted), message templates | to send and receive WhatsApp messages on our behalf |
| Contact and messaging data | your phone number, WhatsApp id and profile name, the messages and media we exchange, opt-in and opt-out | to answer you, send the messages you agreed to receive, and respect your choices |
| Delivery statuses | sent, delivered, read or failed, with times | to know whether a message reached you and not to send it twice |
| Webhook events | the notifications Meta sends us about messages and statuses | to record reliably what happened to each message |
| Technical data | IP addresses, browser information, security log entries | to protect the service, investigate incidents and prevent abuse |

We process messaging data to provide the service you asked for or agreed to receive
(contract or consent), and technical and security data for our legitimate interest in
keeping the service safe. We do not sell personal data and do not use it for automated
decisions with legal effects.

## Who we share it with

- **Meta Platforms (WhatsApp Business Cloud API)** carries the messages between us; Meta's
  own WhatsApp Business terms and privacy policy apply to that transport.
- **Hosting and infrastructure providers** that run the servers and storage for us, bound
  by confidentiality and data-processing terms.
- **Authorities**, only when the law obliges us to.

## How long we keep it

{{retentionTable}}

When a period ends, a daily job deletes the data. Contacts who opted out are kept as a
record of the opt-out so that we never message them again.

## How we protect it

Access is limited to named team members with individual accounts, optional two-factor
authentication and a security log. Access tokens and secrets are encrypted at rest;
connections are encrypted in transit.

## Your rights

You can ask us for a copy of your data, to correct it, to delete it, to restrict or object
to its processing, and to withdraw consent at any time (reply STOP to stop marketing
messages). You may also complain to your data protection authority. Write to {{email}};
we answer within 30 days.

## Deleting your data

See [Data deletion](/legal/data-deletion): use the form there or email {{email}} with the
subject line "Data Deletion Request".

## Changes to this policy

When we change this policy we publish the new version here with its effective date, shown
at the top of the page, before it takes effect. This version is effective from
{{effectiveDate}}.
`;

const terms = `# Terms of use

These terms govern the WhatsApp messaging service operated by **{{company}}**
({{address}}). By messaging us or using our console you accept them.

## The service

We use the WhatsApp Business Cloud API, provided by Meta, to send you service messages,
answer your questions and, if you agreed, send you marketing messages.

## Acceptable use for our team

Everyone who uses our console must:

- message only people who gave their consent to be contacted on WhatsApp, and stop at once
  when someone opts out;
- follow Meta's WhatsApp Business Messaging Policy, Commerce Policy and Business Terms of
  Service, including message template rules and the 24-hour customer service window;
- never send spam, misleading, unlawful, hateful or harmful content, and never share
  access credentials.

## Your messages to us

Please do not send us data we did not ask for, such as card numbers or health details.
We may stop replying to abusive messages.

## Availability and liability

We run the service with care but cannot promise it will always be available or free of
errors, because it depends on Meta and on network providers. Nothing in these terms limits
rights you have under consumer protection law.

## Contact and changes

Questions: {{email}}. We publish changes here with their effective date. These terms are
effective from {{effectiveDate}}.
`;

const dataDeletion = `# Data deletion

You can ask **{{company}}** to delete the personal data we hold about you: your contact
record, the messages and media we exchanged, delivery statuses and related records.

## How to ask

1. **With the form below**: give the phone number you use on WhatsApp (with the country
   code) and/or your email address. You get a confirmation code and a status page.
2. **By email**: write to {{email}} with the subject line **"Data Deletion Request"** and
   the phone number concerned.
3. **On WhatsApp**: send us a message asking for deletion; we open the request for you.

## What happens next

We check the request and delete your data within 30 days. Your number is then kept only
as a one-way keyed fingerprint on our "do not contact" list, so that we never message you
again; it cannot be turned back into your number. Anonymous totals (such as "1,200
messages sent in May") are not personal data and stay. Security logs keep a note that a
deletion happened, without your data.

If you removed our app from your Facebook account, Meta sends us your request
automatically and you receive a confirmation code in the same way.
`;

const support = `# Support

Need help with a message you received from **{{company}}**, or with your data? Contact us:

- **Email:** {{email}}
- **Postal address:** {{address}}
- **Hours:** {{supportHours}}

To stop marketing messages, reply **STOP** on WhatsApp at any time. For deletion of your
data see [Data deletion](/legal/data-deletion); for how we use data see our
[Privacy policy](/legal/privacy).
`;

const legalDefaultsEn: Record<LegalPage, string> = {
  privacy,
  terms,
  'data-deletion': dataDeletion,
  support,
};

/**
 * The built-in texts in every panel language, translations of the English ones above with the
 * same sections and placeholders. The email subject "Data Deletion Request" stays English in
 * all of them: it is what the mailbox is filtered on.
 */
export const defaultLegalMarkdown: Record<PanelLanguage, Record<LegalPage, string>> = {
  en: legalDefaultsEn,
  es: legalDefaultsEs,
  'pt-BR': legalDefaultsPtBr,
  ar: legalDefaultsAr,
  fa: legalDefaultsFa,
};

import type { PanelLanguage } from './languages';
import type { LegalPage, RetentionClass } from './privacy';

/**
 * The words around the public legal pages (navigation, deletion form, status page, errors)
 * in every panel language. The server renders the pages with them and the SPA shows the
 * same page titles, so a title reads the same in the panel and on the public page.
 * `{name}` marks a value filled in; plural forms follow Intl.PluralRules categories.
 */
export interface LegalMessages {
  pageTitles: Record<LegalPage, string>;
  retentionClasses: Record<RetentionClass, string>;
  legalInformation: string;
  indexIntro: string;
  navLabel: string;
  languagesLabel: string;
  skipLink: string;
  contactSupport: string;
  effectiveDate: string;
  versionSuffix: string;
  previousVersions: string;
  versionItem: string;
  earlierVersion: string;
  readCurrent: string;
  upcoming: string;
  notTranslated: string;
  retentionData: string;
  retentionKeptFor: string;
  days: Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };
  years: Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };
  form: {
    heading: string;
    hint: string;
    phone: string;
    phoneHint: string;
    email: string;
    message: string;
    submit: string;
    invalidEmail: string;
    needContact: string;
    invalidPhone: string;
  };
  status: {
    heading: string;
    received: string;
    code: string;
    state: string;
    receivedAt: string;
    completedAt: string;
    dueBy: string;
    reason: string;
    back: string;
    words: Record<'pending' | 'in_progress' | 'done' | 'rejected', string>;
  };
  /** The correction request form and how a correction reads on the status page. */
  correction: {
    heading: string;
    hint: string;
    wrong: string;
    wanted: string;
    submit: string;
    needTexts: string;
    statusHeading: string;
    done: string;
    corrected: string;
    fields: Record<'name' | 'phone' | 'language' | 'attributes' | 'tags', string>;
  };
  errors: {
    tooManyTitle: string;
    tooManyText: string;
    notFoundTitle: string;
    notFoundText: string;
    failedTitle: string;
    failedText: string;
    versionNotFoundTitle: string;
    versionNotFoundText: string;
    requestNotFoundTitle: string;
    requestNotFoundText: string;
  };
}

const en: LegalMessages = {
  pageTitles: {
    privacy: 'Privacy policy',
    terms: 'Terms of use',
    'data-deletion': 'Data deletion',
    support: 'Support',
  },
  retentionClasses: {
    messages_media: 'Messages and media',
    webhook_events: 'Raw webhook events',
    graph_api_logs: 'Graph API call logs',
    audit_log: 'Security and audit log',
    deletion_requests: 'Completed deletion-request records',
    campaign_recipients: 'Campaign recipient details',
    inactive_contacts: 'Inactive contacts',
    data_exports: 'Data export archives',
  },
  legalInformation: 'Legal information',
  indexIntro:
    'How {company} handles your data on WhatsApp, the terms of our messaging service, and how to reach us.',
  navLabel: 'Legal pages',
  languagesLabel: 'Languages',
  skipLink: 'Skip to content',
  contactSupport: 'Contact and support',
  effectiveDate: 'Effective date:',
  versionSuffix: 'version {version}',
  previousVersions: 'Previous versions',
  versionItem: 'Version {version}, effective {date}',
  earlierVersion: 'This is an earlier version.',
  readCurrent: 'Read the version in force',
  upcoming: 'A new version of this page takes effect on {date}.',
  notTranslated: 'This page is not yet available in your language; it is shown in English.',
  retentionData: 'Data',
  retentionKeptFor: 'Kept for',
  days: { one: '{count} day', other: '{count} days' },
  years: { one: '{count} year', other: '{count} years' },
  form: {
    heading: 'Request deletion',
    hint: 'Give the phone number, the email address, or both. No account is needed.',
    phone: 'Phone number on WhatsApp',
    phoneHint: 'With the country code, for example {example}.',
    email: 'Email address',
    message: 'Message (optional)',
    submit: 'Send deletion request',
    invalidEmail: 'Please check the email address: it does not look valid.',
    needContact: 'Please give your phone number or your email address.',
    invalidPhone:
      'The phone number is not valid; give it with its country code, e.g. +44 20 7946 0958',
  },
  status: {
    heading: 'Data deletion request',
    received:
      'We received your request. Keep this confirmation code: {code}. This page shows its progress; bookmark it.',
    code: 'Confirmation code',
    state: 'Status',
    receivedAt: 'Received',
    completedAt: 'Completed',
    dueBy: 'Due by',
    reason: 'Reason',
    back: 'Back to data deletion',
    words: {
      pending: 'Received: waiting to be processed',
      in_progress: 'In progress',
      done: 'Done: your data has been deleted',
      rejected: 'Rejected',
    },
  },
  correction: {
    heading: 'Request a correction',
    hint: 'If something we hold about you is wrong, tell us what it is and how it should read. Give the phone number or email address it concerns.',
    wrong: 'What is wrong',
    wanted: 'What it should be',
    submit: 'Send correction request',
    needTexts: 'Please say what is wrong and what it should be.',
    statusHeading: 'Data correction request',
    done: 'Done: your data has been corrected',
    corrected: 'Corrected',
    fields: {
      name: 'Name',
      phone: 'Phone number',
      language: 'Language',
      attributes: 'Other details',
      tags: 'Labels',
    },
  },
  errors: {
    tooManyTitle: 'Too many requests',
    tooManyText: 'Please wait a few minutes and try again, or write to us by email.',
    notFoundTitle: 'Page not found',
    notFoundText: 'There is no such page.',
    failedTitle: 'Something went wrong',
    failedText: 'Please try again later, or write to us by email.',
    versionNotFoundTitle: 'Version not found',
    versionNotFoundText: 'This page has no such published version.',
    requestNotFoundTitle: 'Request not found',
    requestNotFoundText:
      'No deletion request has this confirmation code. Check the code, or write to us by email.',
  },
};

const es: LegalMessages = {
  pageTitles: {
    privacy: 'Política de privacidad',
    terms: 'Condiciones de uso',
    'data-deletion': 'Eliminación de datos',
    support: 'Soporte',
  },
  retentionClasses: {
    messages_media: 'Mensajes y archivos multimedia',
    webhook_events: 'Eventos de webhook sin procesar',
    graph_api_logs: 'Registros de llamadas a la Graph API',
    audit_log: 'Registro de seguridad y auditoría',
    deletion_requests: 'Registros de solicitudes de eliminación completadas',
    campaign_recipients: 'Datos de destinatarios de campañas',
    inactive_contacts: 'Contactos inactivos',
    data_exports: 'Archivos de exportación de datos',
  },
  legalInformation: 'Información legal',
  indexIntro:
    'Cómo trata {company} tus datos en WhatsApp, las condiciones de nuestro servicio de mensajería y cómo contactarnos.',
  navLabel: 'Páginas legales',
  languagesLabel: 'Idiomas',
  skipLink: 'Saltar al contenido',
  contactSupport: 'Contacto y soporte',
  effectiveDate: 'Fecha de entrada en vigor:',
  versionSuffix: 'versión {version}',
  previousVersions: 'Versiones anteriores',
  versionItem: 'Versión {version}, vigente desde el {date}',
  earlierVersion: 'Esta es una versión anterior.',
  readCurrent: 'Leer la versión vigente',
  upcoming: 'Una nueva versión de esta página entra en vigor el {date}.',
  notTranslated: 'Esta página aún no está disponible en español; se muestra en inglés.',
  retentionData: 'Datos',
  retentionKeptFor: 'Se conservan durante',
  days: { one: '{count} día', many: '{count} de días', other: '{count} días' },
  years: { one: '{count} año', many: '{count} de años', other: '{count} años' },
  form: {
    heading: 'Solicitar la eliminación',
    hint: 'Indica el número de teléfono, la dirección de correo electrónico o ambos. No necesitas una cuenta.',
    phone: 'Número de teléfono en WhatsApp',
    phoneHint: 'Con el código de país, por ejemplo {example}.',
    email: 'Correo electrónico',
    message: 'Mensaje (opcional)',
    submit: 'Enviar la solicitud de eliminación',
    invalidEmail: 'Revisa la dirección de correo electrónico: no parece válida.',
    needContact: 'Indica tu número de teléfono o tu correo electrónico.',
    invalidPhone:
      'El número de teléfono no es válido; escríbelo con el código de país, por ejemplo +44 20 7946 0958.',
  },
  status: {
    heading: 'Solicitud de eliminación de datos',
    received:
      'Hemos recibido tu solicitud. Guarda este código de confirmación: {code}. Esta página muestra su progreso; guárdala en favoritos.',
    code: 'Código de confirmación',
    state: 'Estado',
    receivedAt: 'Recibida',
    completedAt: 'Completada',
    dueBy: 'Plazo',
    reason: 'Motivo',
    back: 'Volver a eliminación de datos',
    words: {
      pending: 'Recibida: pendiente de tramitar',
      in_progress: 'En curso',
      done: 'Completada: tus datos se han eliminado',
      rejected: 'Rechazada',
    },
  },
  correction: {
    heading: 'Solicitar una corrección',
    hint: 'Si algún dato que tenemos sobre ti es incorrecto, dinos cuál es y cómo debería ser. Indica el número de teléfono o el correo electrónico al que se refiere.',
    wrong: 'Qué es incorrecto',
    wanted: 'Cómo debería ser',
    submit: 'Enviar la solicitud de corrección',
    needTexts: 'Indica qué es incorrecto y cómo debería ser.',
    statusHeading: 'Solicitud de corrección de datos',
    done: 'Completada: tus datos se han corregido',
    corrected: 'Corregido',
    fields: {
      name: 'Nombre',
      phone: 'Número de teléfono',
      language: 'Idioma',
      attributes: 'Otros datos',
      tags: 'Etiquetas',
    },
  },
  errors: {
    tooManyTitle: 'Demasiadas solicitudes',
    tooManyText: 'Espera unos minutos y vuelve a intentarlo, o escríbenos por correo electrónico.',
    notFoundTitle: 'Página no encontrada',
    notFoundText: 'Esta página no existe.',
    failedTitle: 'Algo salió mal',
    failedText: 'Vuelve a intentarlo más tarde o escríbenos por correo electrónico.',
    versionNotFoundTitle: 'Versión no encontrada',
    versionNotFoundText: 'Esta página no tiene ninguna versión publicada con ese número.',
    requestNotFoundTitle: 'Solicitud no encontrada',
    requestNotFoundText:
      'Ninguna solicitud de eliminación tiene este código de confirmación. Revisa el código o escríbenos por correo electrónico.',
  },
};

const ptBR: LegalMessages = {
  pageTitles: {
    privacy: 'Política de privacidade',
    terms: 'Termos de uso',
    'data-deletion': 'Exclusão de dados',
    support: 'Suporte',
  },
  retentionClasses: {
    messages_media: 'Mensagens e mídia',
    webhook_events: 'Eventos brutos de webhook',
    graph_api_logs: 'Registros de chamadas à Graph API',
    audit_log: 'Registro de segurança e auditoria',
    deletion_requests: 'Registros de pedidos de exclusão concluídos',
    campaign_recipients: 'Dados de destinatários de campanhas',
    inactive_contacts: 'Contatos inativos',
    data_exports: 'Arquivos de exportação de dados',
  },
  legalInformation: 'Informações legais',
  indexIntro:
    'Como a {company} trata seus dados no WhatsApp, os termos do nosso serviço de mensagens e como falar conosco.',
  navLabel: 'Páginas legais',
  languagesLabel: 'Idiomas',
  skipLink: 'Pular para o conteúdo',
  contactSupport: 'Contato e suporte',
  effectiveDate: 'Data de vigência:',
  versionSuffix: 'versão {version}',
  previousVersions: 'Versões anteriores',
  versionItem: 'Versão {version}, vigente a partir de {date}',
  earlierVersion: 'Esta é uma versão anterior.',
  readCurrent: 'Ler a versão em vigor',
  upcoming: 'Uma nova versão desta página entra em vigor em {date}.',
  notTranslated: 'Esta página ainda não está disponível em português; ela é exibida em inglês.',
  retentionData: 'Dados',
  retentionKeptFor: 'Mantidos por',
  days: { one: '{count} dia', many: '{count} de dias', other: '{count} dias' },
  years: { one: '{count} ano', many: '{count} de anos', other: '{count} anos' },
  form: {
    heading: 'Pedir a exclusão',
    hint: 'Informe o número de telefone, o endereço de e-mail ou ambos. Não é preciso ter conta.',
    phone: 'Número de telefone no WhatsApp',
    phoneHint: 'Com o código do país, por exemplo {example}.',
    email: 'Endereço de e-mail',
    message: 'Mensagem (opcional)',
    submit: 'Enviar pedido de exclusão',
    invalidEmail: 'Verifique o endereço de e-mail: ele não parece válido.',
    needContact: 'Informe seu número de telefone ou seu endereço de e-mail.',
    invalidPhone:
      'O número de telefone não é válido; informe-o com o código do país, por exemplo +44 20 7946 0958.',
  },
  status: {
    heading: 'Pedido de exclusão de dados',
    received:
      'Recebemos seu pedido. Guarde este código de confirmação: {code}. Esta página mostra o andamento; salve-a nos favoritos.',
    code: 'Código de confirmação',
    state: 'Situação',
    receivedAt: 'Recebido em',
    completedAt: 'Concluído em',
    dueBy: 'Prazo',
    reason: 'Motivo',
    back: 'Voltar para exclusão de dados',
    words: {
      pending: 'Recebido: aguardando processamento',
      in_progress: 'Em andamento',
      done: 'Concluído: seus dados foram excluídos',
      rejected: 'Recusado',
    },
  },
  correction: {
    heading: 'Pedir uma correção',
    hint: 'Se algum dado que temos sobre você estiver errado, diga qual é e como deveria ser. Informe o número de telefone ou o e-mail a que ele se refere.',
    wrong: 'O que está errado',
    wanted: 'Como deveria ser',
    submit: 'Enviar pedido de correção',
    needTexts: 'Diga o que está errado e como deveria ser.',
    statusHeading: 'Pedido de correção de dados',
    done: 'Concluído: seus dados foram corrigidos',
    corrected: 'Corrigido',
    fields: {
      name: 'Nome',
      phone: 'Número de telefone',
      language: 'Idioma',
      attributes: 'Outros dados',
      tags: 'Etiquetas',
    },
  },
  errors: {
    tooManyTitle: 'Pedidos demais',
    tooManyText: 'Aguarde alguns minutos e tente de novo, ou escreva para nós por e-mail.',
    notFoundTitle: 'Página não encontrada',
    notFoundText: 'Esta página não existe.',
    failedTitle: 'Algo deu errado',
    failedText: 'Tente de novo mais tarde ou escreva para nós por e-mail.',
    versionNotFoundTitle: 'Versão não encontrada',
    versionNotFoundText: 'Esta página não tem uma versão publicada com esse número.',
    requestNotFoundTitle: 'Pedido não encontrado',
    requestNotFoundText:
      'Nenhum pedido de exclusão tem este código de confirmação. Confira o código ou escreva para nós por e-mail.',
  },
};

const ar: LegalMessages = {
  pageTitles: {
    privacy: 'سياسة الخصوصية',
    terms: 'شروط الاستخدام',
    'data-deletion': 'حذف البيانات',
    support: 'الدعم',
  },
  retentionClasses: {
    messages_media: 'الرسائل والوسائط',
    webhook_events: 'أحداث الويب هوك الأولية',
    graph_api_logs: 'سجلات استدعاءات Graph API',
    audit_log: 'سجل الأمان والتدقيق',
    deletion_requests: 'سجلات طلبات الحذف المكتملة',
    campaign_recipients: 'بيانات مستلمي الحملات',
    inactive_contacts: 'جهات الاتصال غير النشطة',
    data_exports: 'أرشيفات تصدير البيانات',
  },
  legalInformation: 'المعلومات القانونية',
  indexIntro:
    'كيف تتعامل {company} مع بياناتك على واتساب، وشروط خدمة المراسلة لدينا، وكيفية التواصل معنا.',
  navLabel: 'الصفحات القانونية',
  languagesLabel: 'اللغات',
  skipLink: 'تخطَّ إلى المحتوى',
  contactSupport: 'التواصل والدعم',
  effectiveDate: 'تاريخ السريان:',
  versionSuffix: 'الإصدار {version}',
  previousVersions: 'الإصدارات السابقة',
  versionItem: 'الإصدار {version}، ساري المفعول من {date}',
  earlierVersion: 'هذا إصدار سابق.',
  readCurrent: 'اقرأ الإصدار الساري',
  upcoming: 'يسري إصدار جديد من هذه الصفحة في {date}.',
  notTranslated: 'هذه الصفحة غير متوفرة بالعربية بعد؛ وهي معروضة بالإنجليزية.',
  retentionData: 'البيانات',
  retentionKeptFor: 'مدة الاحتفاظ',
  days: {
    zero: '{count} يوم',
    one: 'يوم واحد',
    two: 'يومان',
    few: '{count} أيام',
    many: '{count} يومًا',
    other: '{count} يوم',
  },
  years: {
    zero: '{count} سنة',
    one: 'سنة واحدة',
    two: 'سنتان',
    few: '{count} سنوات',
    many: '{count} سنة',
    other: '{count} سنة',
  },
  form: {
    heading: 'طلب الحذف',
    hint: 'أدخل رقم الهاتف أو عنوان البريد الإلكتروني أو كليهما. لا حاجة إلى حساب.',
    phone: 'رقم الهاتف على واتساب',
    phoneHint: 'مع رمز الدولة، مثل {example}.',
    email: 'البريد الإلكتروني',
    message: 'رسالة (اختياري)',
    submit: 'إرسال طلب الحذف',
    invalidEmail: 'يُرجى التحقق من البريد الإلكتروني: يبدو أنه غير صالح.',
    needContact: 'يُرجى إدخال رقم هاتفك أو بريدك الإلكتروني.',
    invalidPhone: 'رقم الهاتف غير صالح؛ أدخله مع رمز الدولة، مثل ‎+44 20 7946 0958.',
  },
  status: {
    heading: 'طلب حذف البيانات',
    received:
      'تلقّينا طلبك. احتفظ برمز التأكيد هذا: {code}. تعرض هذه الصفحة تقدّم الطلب؛ أضفها إلى المفضلة.',
    code: 'رمز التأكيد',
    state: 'الحالة',
    receivedAt: 'تاريخ الاستلام',
    completedAt: 'تاريخ الإنجاز',
    dueBy: 'الموعد النهائي',
    reason: 'السبب',
    back: 'العودة إلى حذف البيانات',
    words: {
      pending: 'تم الاستلام: بانتظار المعالجة',
      in_progress: 'قيد التنفيذ',
      done: 'تم: حُذفت بياناتك',
      rejected: 'مرفوض',
    },
  },
  correction: {
    heading: 'طلب تصحيح',
    hint: 'إذا كانت لدينا بيانات خاطئة عنك، فأخبرنا بما هو خاطئ وبما يجب أن يكون. أدخل رقم الهاتف أو البريد الإلكتروني الذي تخصّه.',
    wrong: 'ما الخطأ',
    wanted: 'ما يجب أن يكون',
    submit: 'إرسال طلب التصحيح',
    needTexts: 'يُرجى ذكر ما هو خاطئ وما يجب أن يكون.',
    statusHeading: 'طلب تصحيح البيانات',
    done: 'تم: صُحّحت بياناتك',
    corrected: 'ما صُحّح',
    fields: {
      name: 'الاسم',
      phone: 'رقم الهاتف',
      language: 'اللغة',
      attributes: 'بيانات أخرى',
      tags: 'التصنيفات',
    },
  },
  errors: {
    tooManyTitle: 'طلبات كثيرة جدًا',
    tooManyText: 'يُرجى الانتظار بضع دقائق ثم المحاولة مجددًا، أو راسلنا عبر البريد الإلكتروني.',
    notFoundTitle: 'الصفحة غير موجودة',
    notFoundText: 'لا توجد صفحة بهذا العنوان.',
    failedTitle: 'حدث خطأ ما',
    failedText: 'يُرجى المحاولة لاحقًا، أو راسلنا عبر البريد الإلكتروني.',
    versionNotFoundTitle: 'الإصدار غير موجود',
    versionNotFoundText: 'لا يوجد لهذه الصفحة إصدار منشور بهذا الرقم.',
    requestNotFoundTitle: 'الطلب غير موجود',
    requestNotFoundText:
      'لا يوجد طلب حذف بهذا الرمز. تحقّق من الرمز، أو راسلنا عبر البريد الإلكتروني.',
  },
};

const fa: LegalMessages = {
  pageTitles: {
    privacy: 'سیاست حریم خصوصی',
    terms: 'شرایط استفاده',
    'data-deletion': 'حذف داده‌ها',
    support: 'پشتیبانی',
  },
  retentionClasses: {
    messages_media: 'پیام‌ها و رسانه‌ها',
    webhook_events: 'رویدادهای خام وب‌هوک',
    graph_api_logs: 'گزارش فراخوانی‌های Graph API',
    audit_log: 'گزارش امنیت و حسابرسی',
    deletion_requests: 'سوابق درخواست‌های حذفِ انجام‌شده',
    campaign_recipients: 'جزئیات گیرندگان کارزارها',
    inactive_contacts: 'مخاطبان غیرفعال',
    data_exports: 'بایگانی‌های خروجی داده',
  },
  legalInformation: 'اطلاعات حقوقی',
  indexIntro:
    '{company} چگونه با داده‌های شما در واتس‌اپ رفتار می‌کند، شرایط سرویس پیام‌رسانی ما، و راه‌های تماس با ما.',
  navLabel: 'صفحه‌های حقوقی',
  languagesLabel: 'زبان‌ها',
  skipLink: 'رفتن به محتوا',
  contactSupport: 'تماس و پشتیبانی',
  effectiveDate: 'تاریخ اجرا:',
  versionSuffix: 'نسخهٔ {version}',
  previousVersions: 'نسخه‌های پیشین',
  versionItem: 'نسخهٔ {version}، اجرایی از {date}',
  earlierVersion: 'این یک نسخهٔ پیشین است.',
  readCurrent: 'خواندن نسخهٔ جاری',
  upcoming: 'نسخهٔ تازه‌ای از این صفحه از {date} اجرا می‌شود.',
  notTranslated: 'این صفحه هنوز به فارسی در دسترس نیست و به انگلیسی نمایش داده می‌شود.',
  retentionData: 'داده',
  retentionKeptFor: 'مدت نگهداری',
  days: { one: '{count} روز', other: '{count} روز' },
  years: { one: '{count} سال', other: '{count} سال' },
  form: {
    heading: 'درخواست حذف',
    hint: 'شماره تلفن، نشانی ایمیل یا هر دو را وارد کنید. به حساب کاربری نیازی نیست.',
    phone: 'شماره تلفن در واتس‌اپ',
    phoneHint: 'همراه با کد کشور، برای نمونه {example}.',
    email: 'نشانی ایمیل',
    message: 'پیام (اختیاری)',
    submit: 'ارسال درخواست حذف',
    invalidEmail: 'لطفاً نشانی ایمیل را بررسی کنید: معتبر به نظر نمی‌رسد.',
    needContact: 'لطفاً شماره تلفن یا نشانی ایمیل خود را وارد کنید.',
    invalidPhone:
      'شماره تلفن معتبر نیست؛ آن را همراه با کد کشور وارد کنید، برای نمونه ‎+44 20 7946 0958.',
  },
  status: {
    heading: 'درخواست حذف داده‌ها',
    received:
      'درخواست شما را دریافت کردیم. این کد تأیید را نگه دارید: {code}. این صفحه پیشرفت درخواست را نشان می‌دهد؛ آن را نشانک‌گذاری کنید.',
    code: 'کد تأیید',
    state: 'وضعیت',
    receivedAt: 'تاریخ دریافت',
    completedAt: 'تاریخ انجام',
    dueBy: 'مهلت',
    reason: 'دلیل',
    back: 'بازگشت به حذف داده‌ها',
    words: {
      pending: 'دریافت شد: در انتظار رسیدگی',
      in_progress: 'در حال انجام',
      done: 'انجام شد: داده‌های شما حذف شد',
      rejected: 'رد شد',
    },
  },
  correction: {
    heading: 'درخواست اصلاح',
    hint: 'اگر داده‌ای که از شما داریم نادرست است، بگویید چه چیزی نادرست است و درستش چیست. شماره تلفن یا ایمیلی را که به آن مربوط است وارد کنید.',
    wrong: 'چه چیزی نادرست است',
    wanted: 'درستش چیست',
    submit: 'ارسال درخواست اصلاح',
    needTexts: 'لطفاً بنویسید چه چیزی نادرست است و درستش چیست.',
    statusHeading: 'درخواست اصلاح داده‌ها',
    done: 'انجام شد: داده‌های شما اصلاح شد',
    corrected: 'موارد اصلاح‌شده',
    fields: {
      name: 'نام',
      phone: 'شماره تلفن',
      language: 'زبان',
      attributes: 'سایر اطلاعات',
      tags: 'برچسب‌ها',
    },
  },
  errors: {
    tooManyTitle: 'درخواست‌های بیش از حد',
    tooManyText: 'لطفاً چند دقیقه صبر کنید و دوباره تلاش کنید، یا به ما ایمیل بزنید.',
    notFoundTitle: 'صفحه پیدا نشد',
    notFoundText: 'چنین صفحه‌ای وجود ندارد.',
    failedTitle: 'مشکلی پیش آمد',
    failedText: 'لطفاً بعداً دوباره تلاش کنید، یا به ما ایمیل بزنید.',
    versionNotFoundTitle: 'نسخه پیدا نشد',
    versionNotFoundText: 'این صفحه نسخهٔ منتشرشده‌ای با این شماره ندارد.',
    requestNotFoundTitle: 'درخواست پیدا نشد',
    requestNotFoundText:
      'هیچ درخواست حذفی با این کد تأیید وجود ندارد. کد را بررسی کنید یا به ما ایمیل بزنید.',
  },
};

export const legalMessages: Record<PanelLanguage, LegalMessages> = {
  en,
  es,
  'pt-BR': ptBR,
  ar,
  fa,
};

/** Fills `{name}` placeholders; unknown names stay as they are. */
export function fillMessage(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    values[name] === undefined ? whole : String(values[name]),
  );
}

/** The plural form of `forms` for `count` in `language` (Intl.PluralRules categories). */
export function pluralMessage(
  language: PanelLanguage,
  forms: LegalMessages['days'],
  count: number,
  formattedCount: string,
): string {
  const category = new Intl.PluralRules(language).select(count);
  return fillMessage(forms[category] ?? forms.other, { count: formattedCount });
}

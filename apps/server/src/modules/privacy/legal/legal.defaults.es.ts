import type { LegalPage } from '@kiana/contracts';

// The built-in texts in Spanish: the same sections, links and placeholders as the English
// ones (legal.defaults.ts); a change there is made here too.

const privacy = `# Política de privacidad

Esta política explica cómo **{{company}}** ("nosotros") trata los datos personales cuando
hablamos con clientes por WhatsApp a través de nuestra consola de mensajería. Se aplica a las
personas a las que escribimos y que nos escriben, y a los miembros de nuestro equipo que usan
la consola.

## Quién es el responsable

{{company}}, {{address}}. Preguntas sobre esta política o sobre sus datos: {{email}}.

## Qué tratamos y por qué

| Datos | Ejemplos | Por qué los necesitamos |
| --- | --- | --- |
| Cuentas del equipo y datos de acceso | nombre de usuario, nombre, hash de la contraseña, horas de inicio de sesión, ajustes de verificación en dos pasos | para que nuestro equipo inicie sesión de forma segura y para saber quién hizo qué |
| Configuración de WhatsApp y Meta | identificadores de la cuenta comercial y de los números de teléfono, tokens de acceso (cifrados), plantillas de mensajes | para enviar y recibir mensajes de WhatsApp en nuestro nombre |
| Datos de contacto y de mensajería | su número de teléfono, su identificador y nombre de perfil de WhatsApp, los mensajes y archivos que intercambiamos, su consentimiento y su baja | para responderle, enviarle los mensajes que aceptó recibir y respetar sus decisiones |
| Estados de entrega | enviado, entregado, leído o fallido, con la hora | para saber si un mensaje le llegó y no enviarlo dos veces |
| Eventos de webhook | las notificaciones que Meta nos envía sobre mensajes y estados | para registrar de forma fiable qué ocurrió con cada mensaje |
| Datos técnicos | direcciones IP, información del navegador, entradas del registro de seguridad | para proteger el servicio, investigar incidentes y evitar abusos |

Tratamos los datos de mensajería para prestar el servicio que usted pidió o aceptó recibir
(contrato o consentimiento), y los datos técnicos y de seguridad por nuestro interés legítimo
en mantener seguro el servicio. No vendemos datos personales ni los usamos para decisiones
automatizadas con efectos jurídicos.

## Con quién los compartimos

- **Meta Platforms (WhatsApp Business Cloud API)** transporta los mensajes entre nosotros; a
  ese transporte se aplican las condiciones de WhatsApp Business y la política de privacidad
  de Meta.
- **Proveedores de alojamiento e infraestructura** que operan para nosotros los servidores y
  el almacenamiento, obligados por acuerdos de confidencialidad y de tratamiento de datos.
- **Autoridades**, solo cuando la ley nos obliga.

## Cuánto tiempo los conservamos

{{retentionTable}}

Cuando termina un plazo, una tarea diaria elimina los datos. De los contactos que se dieron
de baja conservamos la constancia de la baja, para no volver a escribirles nunca.

## Cómo los protegemos

El acceso está limitado a miembros del equipo identificados, con cuentas individuales,
verificación en dos pasos opcional y un registro de seguridad. Los tokens de acceso y los
secretos se guardan cifrados; las conexiones están cifradas en tránsito.

## Sus derechos

Puede pedirnos una copia de sus datos, corregirlos, eliminarlos, limitar su tratamiento u
oponerse a él, y retirar su consentimiento en cualquier momento (responda STOP para dejar de
recibir mensajes de marketing). También puede presentar una reclamación ante su autoridad de
protección de datos. Escriba a {{email}}; respondemos en un plazo de 30 días.

## Eliminar sus datos

Consulte [Eliminación de datos](/legal/data-deletion): use el formulario de esa página o
escriba a {{email}} con el asunto "Data Deletion Request".

## Cambios en esta política

Cuando cambiamos esta política publicamos aquí la nueva versión con su fecha de entrada en
vigor, indicada al principio de la página, antes de que se aplique. Esta versión está en
vigor desde el {{effectiveDate}}.
`;

const terms = `# Condiciones de uso

Estas condiciones rigen el servicio de mensajería de WhatsApp que opera **{{company}}**
({{address}}). Al escribirnos o al usar nuestra consola, usted las acepta.

## El servicio

Usamos WhatsApp Business Cloud API, proporcionada por Meta, para enviarle mensajes de
servicio, responder a sus preguntas y, si usted lo aceptó, enviarle mensajes de marketing.

## Uso aceptable para nuestro equipo

Todas las personas que usan nuestra consola deben:

- escribir solo a personas que dieron su consentimiento para ser contactadas por WhatsApp, y
  dejar de hacerlo en cuanto alguien se da de baja;
- cumplir la Política de Mensajería de WhatsApp Business, la Política de Comercio y las
  Condiciones del Servicio de WhatsApp Business de Meta, incluidas las reglas de las
  plantillas de mensajes y la ventana de atención al cliente de 24 horas;
- no enviar nunca spam ni contenido engañoso, ilícito, de odio o dañino, y no compartir
  nunca sus credenciales de acceso.

## Sus mensajes para nosotros

Le rogamos que no nos envíe datos que no le hayamos pedido, como números de tarjeta o datos
de salud. Podemos dejar de responder a mensajes abusivos.

## Disponibilidad y responsabilidad

Prestamos el servicio con cuidado, pero no podemos prometer que esté siempre disponible o
libre de errores, porque depende de Meta y de los proveedores de red. Nada en estas
condiciones limita los derechos que le otorga la legislación de protección de los
consumidores.

## Contacto y cambios

Preguntas: {{email}}. Publicamos aquí los cambios con su fecha de entrada en vigor. Estas
condiciones están en vigor desde el {{effectiveDate}}.
`;

const dataDeletion = `# Eliminación de datos

Puede pedir a **{{company}}** que elimine los datos personales que tenemos sobre usted: su
ficha de contacto, los mensajes y archivos que intercambiamos, los estados de entrega y los
registros relacionados.

## Cómo pedirlo

1. **Con el formulario de abajo**: indique el número de teléfono que usa en WhatsApp (con el
   prefijo del país) o su dirección de correo electrónico, o ambos. Recibirá un código de
   confirmación y una página de estado.
2. **Por correo electrónico**: escriba a {{email}} con el asunto **"Data Deletion Request"**
   y el número de teléfono de que se trate.
3. **Por WhatsApp**: envíenos un mensaje pidiendo la eliminación; abriremos la solicitud por
   usted.

## Qué ocurre después

Revisamos la solicitud y eliminamos sus datos en un plazo de 30 días. Después, su número se
conserva solo como una huella con clave, de un solo sentido, en nuestra lista de "no
contactar", para no volver a escribirle nunca; no puede convertirse de nuevo en su número.
Los totales anónimos (como "1.200 mensajes enviados en mayo") no son datos personales y se
conservan. Los registros de seguridad guardan una nota de que hubo una eliminación, sin sus
datos.

Si eliminó nuestra aplicación de su cuenta de Facebook, Meta nos envía su solicitud
automáticamente y usted recibe un código de confirmación de la misma manera.
`;

const support = `# Soporte

¿Necesita ayuda con un mensaje que recibió de **{{company}}**, o con sus datos? Contáctenos:

- **Correo electrónico:** {{email}}
- **Dirección postal:** {{address}}
- **Horario:** {{supportHours}}

Para dejar de recibir mensajes de marketing, responda **STOP** en WhatsApp en cualquier
momento. Para eliminar sus datos consulte [Eliminación de datos](/legal/data-deletion); para
saber cómo usamos los datos consulte nuestra [Política de privacidad](/legal/privacy).
`;

/** The built-in legal texts in Spanish. */
export const legalDefaultsEs: Record<LegalPage, string> = {
  privacy,
  terms,
  'data-deletion': dataDeletion,
  support,
};

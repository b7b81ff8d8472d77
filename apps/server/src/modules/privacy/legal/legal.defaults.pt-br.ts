import type { LegalPage } from '@kiana/contracts';

// The built-in texts in Brazilian Portuguese: the same sections, links and placeholders as the
// English ones (legal.defaults.ts); a change there is made here too.

const privacy = `# Política de privacidade

Esta política explica como **{{company}}** ("nós") trata dados pessoais quando conversamos
com clientes pelo WhatsApp por meio do nosso console de mensagens. Ela se aplica às pessoas
para quem enviamos mensagens e que nos enviam mensagens, e aos membros da nossa equipe que
usam o console.

## Quem é o responsável

{{company}}, {{address}}. Dúvidas sobre esta política ou sobre seus dados: {{email}}.

## O que tratamos e por quê

| Dados | Exemplos | Por que precisamos deles |
| --- | --- | --- |
| Contas da equipe e dados de acesso | nome de usuário, nome, hash da senha, horários de login, configurações de autenticação em dois fatores | para que nossa equipe entre com segurança e para saber quem fez o quê |
| Configuração do WhatsApp e da Meta | IDs da conta comercial e dos números de telefone, tokens de acesso (criptografados), modelos de mensagem | para enviar e receber mensagens do WhatsApp em nosso nome |
| Dados de contato e de mensagens | seu número de telefone, seu ID e nome de perfil do WhatsApp, as mensagens e mídias que trocamos, seu consentimento e seu descadastro | para responder a você, enviar as mensagens que você aceitou receber e respeitar suas escolhas |
| Status de entrega | enviada, entregue, lida ou com falha, com horário | para saber se uma mensagem chegou até você e não enviá-la duas vezes |
| Eventos de webhook | as notificações que a Meta nos envia sobre mensagens e status | para registrar de forma confiável o que aconteceu com cada mensagem |
| Dados técnicos | endereços IP, informações do navegador, registros do log de segurança | para proteger o serviço, investigar incidentes e evitar abusos |

Tratamos os dados de mensagens para prestar o serviço que você pediu ou aceitou receber
(contrato ou consentimento), e os dados técnicos e de segurança com base no nosso legítimo
interesse em manter o serviço seguro. Não vendemos dados pessoais nem os usamos para decisões
automatizadas com efeitos jurídicos.

## Com quem compartilhamos

- **Meta Platforms (WhatsApp Business Cloud API)** transporta as mensagens entre nós; a esse
  transporte se aplicam os termos do WhatsApp Business e a política de privacidade da
  própria Meta.
- **Provedores de hospedagem e infraestrutura** que operam os servidores e o armazenamento
  para nós, obrigados por termos de confidencialidade e de tratamento de dados.
- **Autoridades**, somente quando a lei nos obriga.

## Por quanto tempo guardamos

{{retentionTable}}

Quando um prazo termina, uma tarefa diária exclui os dados. Dos contatos que se
descadastraram guardamos o registro do descadastro, para nunca mais enviarmos mensagens a
eles.

## Como protegemos

O acesso é limitado a membros identificados da equipe, com contas individuais, autenticação
em dois fatores opcional e um log de segurança. Tokens de acesso e segredos são
criptografados quando armazenados; as conexões são criptografadas em trânsito.

## Seus direitos

Você pode nos pedir uma cópia dos seus dados, corrigi-los, excluí-los, restringir o
tratamento ou se opor a ele, e retirar seu consentimento a qualquer momento (responda STOP
para parar de receber mensagens de marketing). Você também pode reclamar à autoridade de
proteção de dados. Escreva para {{email}}; respondemos em até 30 dias.

## Excluir seus dados

Veja [Exclusão de dados](/legal/data-deletion): use o formulário dessa página ou envie um
e-mail para {{email}} com o assunto "Data Deletion Request".

## Alterações nesta política

Quando alteramos esta política, publicamos aqui a nova versão com a data de vigência,
mostrada no topo da página, antes que ela entre em vigor. Esta versão vigora a partir de
{{effectiveDate}}.
`;

const terms = `# Termos de uso

Estes termos regem o serviço de mensagens pelo WhatsApp operado por **{{company}}**
({{address}}). Ao nos enviar mensagens ou usar nosso console, você os aceita.

## O serviço

Usamos a WhatsApp Business Cloud API, fornecida pela Meta, para enviar a você mensagens de
serviço, responder às suas perguntas e, se você concordou, enviar mensagens de marketing.

## Uso aceitável pela nossa equipe

Todos que usam nosso console devem:

- enviar mensagens somente a pessoas que consentiram em ser contatadas pelo WhatsApp, e parar
  imediatamente quando alguém se descadastra;
- seguir a Política de Mensagens do WhatsApp Business, a Política Comercial e os Termos de
  Serviço do WhatsApp Business da Meta, incluindo as regras de modelos de mensagem e a janela
  de atendimento ao cliente de 24 horas;
- nunca enviar spam nem conteúdo enganoso, ilegal, de ódio ou prejudicial, e nunca
  compartilhar credenciais de acesso.

## Suas mensagens para nós

Por favor, não nos envie dados que não pedimos, como números de cartão ou informações de
saúde. Podemos deixar de responder a mensagens abusivas.

## Disponibilidade e responsabilidade

Operamos o serviço com cuidado, mas não podemos prometer que ele estará sempre disponível ou
livre de erros, porque depende da Meta e dos provedores de rede. Nada nestes termos limita
os direitos que você tem pela legislação de defesa do consumidor.

## Contato e alterações

Dúvidas: {{email}}. Publicamos aqui as alterações com a data de vigência. Estes termos
vigoram a partir de {{effectiveDate}}.
`;

const dataDeletion = `# Exclusão de dados

Você pode pedir a **{{company}}** que exclua os dados pessoais que temos sobre você: seu
registro de contato, as mensagens e mídias que trocamos, os status de entrega e os registros
relacionados.

## Como pedir

1. **Pelo formulário abaixo**: informe o número de telefone que você usa no WhatsApp (com o
   código do país) e/ou seu endereço de e-mail. Você recebe um código de confirmação e uma
   página de status.
2. **Por e-mail**: escreva para {{email}} com o assunto **"Data Deletion Request"** e o
   número de telefone em questão.
3. **Pelo WhatsApp**: envie-nos uma mensagem pedindo a exclusão; nós abrimos a solicitação
   para você.

## O que acontece depois

Verificamos a solicitação e excluímos seus dados em até 30 dias. Depois disso, seu número é
mantido apenas como uma impressão digital com chave, de mão única, na nossa lista de "não
contatar", para que nunca mais enviemos mensagens a você; ela não pode ser convertida de
volta no seu número. Totais anônimos (como "1.200 mensagens enviadas em maio") não são dados
pessoais e permanecem. Os logs de segurança guardam uma nota de que houve uma exclusão, sem
os seus dados.

Se você removeu nosso aplicativo da sua conta do Facebook, a Meta nos envia sua solicitação
automaticamente e você recebe um código de confirmação da mesma forma.
`;

const support = `# Suporte

Precisa de ajuda com uma mensagem que recebeu de **{{company}}**, ou com seus dados? Fale
conosco:

- **E-mail:** {{email}}
- **Endereço postal:** {{address}}
- **Horário:** {{supportHours}}

Para parar de receber mensagens de marketing, responda **STOP** no WhatsApp a qualquer
momento. Para excluir seus dados veja [Exclusão de dados](/legal/data-deletion); para saber
como usamos os dados veja nossa [Política de privacidade](/legal/privacy).
`;

/** The built-in legal texts in Brazilian Portuguese. */
export const legalDefaultsPtBr: Record<LegalPage, string> = {
  privacy,
  terms,
  'data-deletion': dataDeletion,
  support,
};

import { useId, useRef, useState } from 'react';
import { Alert, Button, CloseButton, Group, Paper, Stack, Text, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CannedReply, ConversationSummary, InboxMessage } from '@kiana/contracts';
import { ApiErrorAlert } from '../../app/ApiErrorAlert';
import { CannedMenu } from './CannedMenu';
import { cannedQuery, fillPlaceholders, matchCanned } from './canned';
import { useCannedReplies } from './canned-replies.api';
import { useConversationActions } from './inbox.api';
import { FormattedText } from './FormattedText';
import { hasFormatting, parseWhatsAppFormatting } from './whatsapp-format';
import { AttachButton } from './AttachButton';
import { EmojiButton } from './EmojiButton';
import { insertAt } from './emoji';
import { attachmentProblem, formatSize, takesCaption } from './attachment';
import { useTypingReporter } from './typing';

const newClientId = () => crypto.randomUUID();

/**
 * Free text inside the window; the client id makes a double click send once. Typing `/`
 * opens the canned replies; the chosen one is inserted with the contact's values filled.
 * An attached file (checked against Meta's limits before it is uploaded) is sent with the
 * text as its caption.
 */
export function Composer({
  c,
  replyTo,
  onClearReply,
}: {
  c: ConversationSummary;
  replyTo: InboxMessage | null;
  onClearReply: () => void;
}) {
  const { t } = useTranslation();
  const actions = useConversationActions(c.id);
  const canned = useCannedReplies();
  const menuId = useId();
  const [text, setText] = useState('');
  const [active, setActive] = useState(0);
  const [dismissed, setDismissed] = useState(false);
  const clientId = useRef(newClientId());
  const input = useRef<HTMLTextAreaElement>(null);
  /** Puts the emoji at the caret (or over the selection) and gives the caret back after it. */
  const insertEmoji = (emoji: string) => {
    const el = input.current;
    const next = insertAt(
      text,
      emoji,
      el?.selectionStart ?? text.length,
      el?.selectionEnd ?? text.length,
    );
    setText(next.text);
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(next.caret, next.caret);
    });
  };
  // The team sees who types here (the collision warning); the server also shows "typing…" on
  // the customer's phone when read receipts are on. Best effort, errors ignored.
  const [isFocused, setFocused] = useState(false);
  const { typed, stopped } = useTypingReporter(c.id, isFocused && text.trim() !== '');
  const [file, setFile] = useState<File | null>(null);
  const [fileProblem, setFileProblem] = useState<string | null>(null);
  const captionRefused = file !== null && text.trim() !== '' && !takesCaption(file);
  const onPick = (picked: File | null) => {
    if (picked === null) return;
    const problem = attachmentProblem(picked, t);
    setFileProblem(problem);
    setFile(problem === null ? picked : null);
  };
  const query = cannedQuery(text);
  const searching = query !== null && !dismissed;
  const matches = searching ? matchCanned(canned.data ?? [], query) : [];
  const current = Math.min(active, Math.max(matches.length - 1, 0));
  const pick = (r: CannedReply) => {
    setText(fillPlaceholders(r.text, c.contact));
    setActive(0);
  };
  const sent = () => {
    stopped();
    clientId.current = newClientId();
    setText('');
    setFile(null);
    onClearReply();
  };
  const send = () => {
    if (file !== null) {
      if (captionRefused) return;
      actions.media.mutate(
        {
          clientId: clientId.current,
          file,
          ...(text.trim() === '' ? {} : { caption: text }),
          ...(replyTo === null ? {} : { replyToMessageId: replyTo.id }),
        },
        { onSuccess: sent },
      );
      return;
    }
    if (text.trim() === '') return;
    actions.reply.mutate(
      {
        clientId: clientId.current,
        text,
        ...(replyTo === null ? {} : { replyToMessageId: replyTo.id }),
      },
      { onSuccess: sent },
    );
  };
  const onKeyDown = (e: React.KeyboardEvent<HTMLTextAreaElement>) => {
    if (searching && matches.length > 0) {
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        const step = e.key === 'ArrowDown' ? 1 : -1;
        setActive((current + step + matches.length) % matches.length);
        return;
      }
      if (e.key === 'Enter' || e.key === 'Tab') {
        e.preventDefault();
        const chosen = matches[current];
        if (chosen !== undefined) pick(chosen);
        return;
      }
    }
    if (searching && e.key === 'Escape') {
      e.preventDefault();
      setDismissed(true);
      return;
    }
    if (e.key === 'Enter' && !e.shiftKey) {
      e.preventDefault();
      send();
    }
  };
  return (
    <Stack gap="xs">
      {replyTo !== null && (
        <Group gap="xs">
          <Text size="xs" c="dimmed" lineClamp={1} style={{ flex: 1 }}>
            {t('inbox.replyingTo')}: {replyTo.text ?? ''}
          </Text>
          <Button size="compact-xs" variant="subtle" onClick={onClearReply}>
            {t('common.cancel')}
          </Button>
        </Group>
      )}
      {file !== null && (
        <Group gap="xs" data-testid="attachment">
          <Text size="sm" style={{ flex: 1 }} lineClamp={1}>
            {t('inbox.composer.attached', { name: file.name, size: formatSize(file.size) })}
          </Text>
          <CloseButton
            size="sm"
            aria-label={t('inbox.composer.removeAttachment')}
            onClick={() => setFile(null)}
          />
        </Group>
      )}
      {fileProblem !== null && (
        <Alert color="red" role="alert" withCloseButton onClose={() => setFileProblem(null)}>
          {fileProblem}
        </Alert>
      )}
      {captionRefused && (
        <Text size="xs" c="red" role="alert">
          {t('inbox.composer.noCaption')}
        </Text>
      )}
      {searching && <CannedMenu id={menuId} matches={matches} active={current} onPick={pick} />}
      <Group align="flex-end">
        <AttachButton onPick={onPick} />
        <EmojiButton onPick={insertEmoji} />
        <Textarea
          ref={input}
          label={file === null ? t('inbox.reply') : t('inbox.composer.caption')}
          description={t('inbox.composer.cannedHint')}
          value={text}
          onChange={(e) => {
            setText(e.currentTarget.value);
            typed();
            setDismissed(false);
            setActive(0);
          }}
          autosize
          minRows={1}
          maxRows={6}
          style={{ flex: 1 }}
          aria-controls={searching ? menuId : undefined}
          aria-activedescendant={
            searching && matches.length > 0 ? `${menuId}-${current}` : undefined
          }
          onKeyDown={onKeyDown}
          onFocus={() => setFocused(true)}
          onBlur={() => setFocused(false)}
        />
        <Button
          onClick={send}
          loading={actions.reply.isPending || actions.media.isPending}
          disabled={file === null ? text.trim() === '' : captionRefused}
        >
          {t('inbox.send')}
        </Button>
      </Group>
      {hasFormatting(text) && (
        <Paper withBorder p="xs" role="group" aria-label={t('inbox.composer.formatPreview')}>
          <Text size="xs" c="dimmed">
            {t('inbox.composer.formatPreview')}
          </Text>
          <Text
            size="sm"
            style={{ whiteSpace: 'pre-wrap' }}
            dir="auto"
            data-testid="format-preview"
          >
            <FormattedText nodes={parseWhatsAppFormatting(text)} />
          </Text>
        </Paper>
      )}
      <ApiErrorAlert error={actions.reply.error} />
      <ApiErrorAlert error={actions.media.error} />
    </Stack>
  );
}

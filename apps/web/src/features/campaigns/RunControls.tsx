import { useState } from 'react';
import { Alert, Button, Group, Modal, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CampaignDetail } from '@kiana/contracts';
import { notifyApiError } from '../../app/ApiErrorAlert';
import { useCan, useSession } from '../auth/session';
import { useControl, type ControlAction } from './campaigns.api';

/**
 * What may be done with the campaign now: approval (a checker other than the maker), pause,
 * resume, cancel (confirmed), retry failed. Buttons the server would refuse are not shown.
 */
export function RunControls({ campaign }: { campaign: CampaignDetail }) {
  const { t } = useTranslation();
  const { session } = useSession();
  const canLaunch = useCan('campaigns.launch');
  const canApprove = useCan('campaigns.approve');
  const control = useControl(campaign.id);
  const [confirmCancel, setConfirmCancel] = useState(false);
  const run = (action: ControlAction) => control.mutate(action, { onError: notifyApiError });
  const s = campaign.status;
  const failed = campaign.counts.byStatus.failed ?? 0;
  const isMaker =
    campaign.launchRequestedBy === session.user.id || campaign.createdBy === session.user.id;
  return (
    <>
      {s === 'awaiting_approval' &&
        (canApprove && !isMaker ? (
          <Alert color="yellow" title={t('campaigns.approval.title')} data-testid="approval-panel">
            <Text size="sm" mb="xs">
              {t('campaigns.approval.askChecker')}
            </Text>
            <Group>
              <Button
                onClick={() => run('approve')}
                loading={control.isPending}
                data-testid="approve"
              >
                {t('campaigns.approval.approve')}
              </Button>
              <Button
                color="red"
                variant="light"
                onClick={() => run('reject')}
                data-testid="reject"
              >
                {t('campaigns.approval.reject')}
              </Button>
            </Group>
          </Alert>
        ) : (
          <Alert color="yellow" data-testid="awaiting-approval">
            {t('campaigns.approval.waiting')}
          </Alert>
        ))}
      {canLaunch && (
        <Group data-testid="run-controls">
          {s === 'running' && (
            <Button variant="default" onClick={() => run('pause')} data-testid="pause">
              {t('campaigns.controls.pause')}
            </Button>
          )}
          {s === 'paused' && (
            <Button onClick={() => run('resume')} data-testid="resume">
              {t('campaigns.controls.resume')}
            </Button>
          )}
          {failed > 0 && (s === 'running' || s === 'paused' || s === 'completed') && (
            <Button variant="default" onClick={() => run('retry')} data-testid="retry">
              {t('campaigns.controls.retryFailed', { count: failed })}
            </Button>
          )}
          {(s === 'running' ||
            s === 'paused' ||
            s === 'scheduled' ||
            s === 'awaiting_approval') && (
            <Button
              color="red"
              variant="light"
              onClick={() => setConfirmCancel(true)}
              data-testid="cancel"
            >
              {t('campaigns.controls.cancel')}
            </Button>
          )}
        </Group>
      )}
      <Modal
        opened={confirmCancel}
        onClose={() => setConfirmCancel(false)}
        title={t('campaigns.controls.cancelTitle')}
      >
        <Text size="sm" mb="md">
          {t('campaigns.controls.cancelBody')}
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={() => setConfirmCancel(false)}>
            {t('campaigns.controls.keep')}
          </Button>
          <Button
            color="red"
            onClick={() => {
              setConfirmCancel(false);
              run('cancel');
            }}
            data-testid="confirm-cancel"
          >
            {t('campaigns.controls.cancel')}
          </Button>
        </Group>
      </Modal>
    </>
  );
}

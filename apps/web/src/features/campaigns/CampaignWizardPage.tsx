import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { Alert, Button, Group, Stack, Stepper } from '@mantine/core';
import { PageHeader } from '../../app/PageHeader';
import { ApiErrorAlert, notifyApiError } from '../../app/ApiErrorAlert';
import { useCan } from '../auth/session';
import { useTemplates } from '../templates/templates.api';
import { useCampaign, useControl, useSaveDraft } from './campaigns.api';
import { slotsOf, unmapped } from './campaigns.format';
import { emptyForm, formOf, type WizardForm } from './wizard-state';
import { StepSetup } from './StepSetup';
import { StepAudience } from './StepAudience';
import { StepVariables } from './StepVariables';
import { StepSchedule } from './StepSchedule';
import { StepReview } from './StepReview';

const LAST = 4;

/**
 * The campaign wizard. The first "Next" creates a draft and every later step patches it, so
 * leaving and coming back (`/campaigns/:id/edit?step=n`) keeps the work.
 */
export function CampaignWizardPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { id } = useParams();
  const [params, setParams] = useSearchParams();
  const step = Math.min(LAST, Math.max(0, Number(params.get('step') ?? 0) || 0));
  const saved = useCampaign(id);
  const [form, setForm] = useState<WizardForm | null>(id === undefined ? emptyForm() : null);
  useEffect(() => {
    if (form === null && saved.data !== undefined) setForm(formOf(saved.data));
  }, [form, saved.data]);
  const templates = useTemplates({ status: 'APPROVED' });
  const save = useSaveDraft();
  const control = useControl(id ?? '');
  const canLaunch = useCan('campaigns.launch');
  if (saved.data !== undefined && saved.data.status !== 'draft') {
    return (
      <Alert color="yellow" data-testid="not-a-draft">
        {t('campaigns.notDraft')}
      </Alert>
    );
  }
  if (form === null) return <ApiErrorAlert error={saved.error} />;
  const template = templates.data?.find((tpl) => tpl.id === form.templateId);
  const onChange = (patch: Partial<WizardForm>) => setForm({ ...form, ...patch });
  const missing =
    template === undefined ? [] : unmapped(slotsOf(template.components), form.variables);
  const blocked: Record<number, boolean> = {
    0: form.name.trim() === '' || form.phoneNumberId === '' || form.templateId === '',
    1:
      form.audience.segmentIds.length +
        form.audience.tagIds.length +
        form.audience.numbers.length ===
        0 && form.audience.uploadId === null,
    2: missing.length > 0,
    3: false,
  };
  const go = async (next: number) => {
    const draft = await save.mutateAsync({ id, input: form }).catch((e: unknown) => {
      notifyApiError(e);
      return null;
    });
    if (draft === null) return;
    if (id === undefined) {
      void navigate(`/campaigns/${draft.id}/edit?step=${next}`, { replace: true });
    } else {
      setParams({ step: String(next) }, { replace: true });
    }
  };
  const launch = () =>
    control.mutate('launch', {
      onSuccess: (r) => void navigate(`/campaigns/${r.campaign.id}`),
      onError: notifyApiError,
    });
  return (
    <>
      <PageHeader title={id === undefined ? t('campaigns.new') : form.name || t('campaigns.new')} />
      <Stack>
        <Stepper
          active={step}
          onStepClick={(s) => s < step && setParams({ step: String(s) }, { replace: true })}
          allowNextStepsSelect={false}
          size="sm"
        >
          <Stepper.Step label={t('campaigns.steps.setup')}>
            <StepSetup form={form} onChange={onChange} />
          </Stepper.Step>
          <Stepper.Step label={t('campaigns.steps.audience')}>
            <StepAudience form={form} onChange={onChange} campaignId={id} />
          </Stepper.Step>
          <Stepper.Step label={t('campaigns.steps.variables')}>
            <StepVariables form={form} onChange={onChange} template={template} campaignId={id} />
          </Stepper.Step>
          <Stepper.Step label={t('campaigns.steps.schedule')}>
            <StepSchedule form={form} onChange={onChange} template={template} />
          </Stepper.Step>
          <Stepper.Step label={t('campaigns.steps.review')}>
            <StepReview
              id={id}
              onLaunch={launch}
              launching={control.isPending}
              canLaunch={canLaunch}
            />
          </Stepper.Step>
        </Stepper>
        <Group justify="space-between">
          <Button
            variant="default"
            disabled={step === 0}
            onClick={() => void go(step - 1)}
            data-testid="wizard-back"
          >
            {t('campaigns.back')}
          </Button>
          {step < LAST && (
            <Button
              onClick={() => void go(step + 1)}
              disabled={blocked[step]}
              loading={save.isPending}
              data-testid="wizard-next"
            >
              {t('campaigns.next')}
            </Button>
          )}
        </Group>
      </Stack>
    </>
  );
}

// The template panel's state for an account, kept in its memory: the templates, the chosen one, the
// form's values per template, the follower, the jump, and the last send's answer.
import type { ErrorView, TemplateSendInput, TemplateSendResult, TemplateView } from '../../../../../electron/contract';
import type { AccountMemory } from '../../../app/memory';
import { api } from '../../../bridge';
import { Slot } from '../../../slot';
import { asErrorView } from '../../../state';
import { colorOk, templateData, type FieldValue } from '../template-fields';

export type JumpKind = 'none' | 'url' | 'mini';

export interface TemplateState {
  templates: TemplateView[] | null;
  loading: boolean;
  loadError: ErrorView | null;
  templateId: string;
  /** The form's values, by template then field. */
  values: Record<string, Record<string, FieldValue>>;
  toOpenId: string;
  jump: JumpKind;
  url: string;
  appid: string;
  pagepath: string;
  sending: boolean;
  result: TemplateSendResult | null;
  sendError: ErrorView | null;
}

/** A problem of the form, by field ('to', 'url', 'appid', 'color:<name>'), found before sending. */
export type FormProblem = 'to' | 'url' | 'appid' | `color:${string}`;

const initial = (): TemplateState => ({
  templates: null,
  loading: false,
  loadError: null,
  templateId: '',
  values: {},
  toOpenId: '',
  jump: 'none',
  url: '',
  appid: '',
  pagepath: '',
  sending: false,
  result: null,
  sendError: null,
});

export const templateSlot = (memory: AccountMemory): Slot<TemplateState> => memory.keep('chores-templates', () => new Slot(initial()));

const URL_RE = /^https?:\/\/[^\s]+$/i;

/** What is wrong with the form, before anything is sent. */
export function formProblems(s: TemplateState, fields: readonly string[]): FormProblem[] {
  const out: FormProblem[] = [];
  if (!s.toOpenId.trim()) out.push('to');
  const values = s.values[s.templateId] ?? {};
  for (const f of fields) if (!colorOk(values[f]?.color ?? '')) out.push(`color:${f}`);
  if (s.jump === 'url' && !URL_RE.test(s.url.trim())) out.push('url');
  if (s.jump === 'mini' && !s.appid.trim()) out.push('appid');
  if (s.jump === 'mini' && s.url.trim() && !URL_RE.test(s.url.trim())) out.push('url');
  return out;
}

/** The send input the form stands for. */
export function sendInput(appId: string, s: TemplateState, fields: readonly string[]): TemplateSendInput {
  const url = s.url.trim();
  return {
    appId,
    templateId: s.templateId,
    toOpenId: s.toOpenId.trim(),
    data: templateData(fields, s.values[s.templateId] ?? {}),
    ...(s.jump !== 'none' && url ? { url } : {}),
    ...(s.jump === 'mini' ? { miniprogram: { appid: s.appid.trim(), ...(s.pagepath.trim() ? { pagepath: s.pagepath.trim() } : {}) } } : {}),
  };
}

export async function loadTemplates(slot: Slot<TemplateState>, appId: string): Promise<void> {
  slot.patch({ loading: true, loadError: null });
  try {
    const templates = await api.templates(appId);
    slot.set((s) => ({ ...s, templates, loading: false, templateId: templates.some((t) => t.templateId === s.templateId) ? s.templateId : (templates[0]?.templateId ?? '') }));
  } catch (e) {
    slot.patch({ loading: false, loadError: asErrorView(e) });
  }
}

export async function sendTemplate(slot: Slot<TemplateState>, input: TemplateSendInput): Promise<void> {
  slot.patch({ sending: true, sendError: null, result: null });
  try {
    const result = await api.templateSend(input);
    slot.patch({ sending: false, result });
  } catch (e) {
    slot.patch({ sending: false, sendError: asErrorView(e) });
  }
}

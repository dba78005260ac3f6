// An agent's chat profile where admins manage agents: editing Meera shows her capacity and
// chat languages; saving sends only what changed with If-Match; a capacity out of range is
// caught before sending and the server's refusal is shown beside the field.
import { flushPromises, type VueWrapper } from '@vue/test-utils';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ChatProfile } from '../../api/chat';
import type { Language } from '../../api/types';
import { FakeApi, json, problem } from '../../testing/fakeApi';
import { agent, group } from '../../testing/fixtures';
import { mountScreen } from '../../testing/mountScreen';
import AgentsAdmin from '../admin/AgentsAdmin.vue';

const PROFILE = '/api/v1/agents/7/chat-profile';
let server: FakeApi;

function profile(over: Partial<ChatProfile> = {}): ChatProfile {
  return { agent_id: 7, capacity: 3, languages: ['hi'], updated_at: null, version: 0, ...over };
}

function serve(language: Language = 'en') {
  server = new FakeApi().install();
  server.on('GET', '/api/v1/auth/me', { agent: agent({ id: 1, name: 'Asha Admin', role: 'admin', language }), csrf_token: 'c' });
  server.on('GET', '/api/v1/agents', {
    data: [agent({ id: 1, name: 'Asha Admin', role: 'admin', group_ids: [] }), agent({ id: 7, name: 'Meera Rao', language: 'hi' })],
    next_cursor: null,
  });
  server.on('GET', '/api/v1/groups', { data: [group()], next_cursor: null });
  server.on('GET', PROFILE, profile());
}

beforeEach(() => serve());

async function editMeera(locale: Language = 'en'): Promise<VueWrapper> {
  const { wrapper } = await mountScreen(AgentsAdmin, { path: '/admin/agents', locale });
  await wrapper.findAll('[data-testid="agent-row"]')[1]!.get('button').trigger('click');
  await flushPromises();
  return wrapper;
}

describe('AgentChatProfile', () => {
  it('edits capacity and chat languages with If-Match', async () => {
    server.on('PATCH', PROFILE, (c) => json(200, profile({ ...(c.body as object), version: 1 })));
    const w = await editMeera();
    const panel = w.get('[data-testid="chat-profile"]');
    expect(panel.get('h2').text()).toBe('Live chat for Meera Rao');
    expect((w.get('[data-testid="chat-capacity"]').element as HTMLInputElement).value).toBe('3');
    expect((w.get('[data-testid="chat-language-hi"]').element as HTMLInputElement).checked).toBe(true);
    expect(w.get('[data-testid="chat-profile-save"]').attributes('disabled')).toBeDefined();

    await w.get('[data-testid="chat-capacity"]').setValue('5');
    await w.get('[data-testid="chat-language-kn"]').setValue(true);
    await w.get('[data-testid="chat-profile-form"]').trigger('submit');
    await flushPromises();
    const call = server.callsTo('PATCH', PROFILE)[0]!;
    expect(call.body).toEqual({ capacity: 5, languages: ['hi', 'kn'] });
    expect(call.headers.get('If-Match')).toBe('"0"');
    expect(w.get('[data-testid="chat-profile"] [role="status"]').text()).toBe('Live chat settings of Meera Rao saved.');
    w.unmount();
  });

  it('catches a capacity out of range and shows the server refusal beside the field', async () => {
    server.on('PATCH', PROFILE, problem(422, 'validation', 'invalid', [{ field: 'capacity', message: 'must be between 0 and 50' }]));
    const w = await editMeera();
    await w.get('[data-testid="chat-capacity"]').setValue('51');
    expect(w.get('[data-testid="chat-capacity-error"]').text()).toBe('Enter a whole number from 0 to 50.');
    expect(w.get('[data-testid="chat-profile-save"]').attributes('disabled')).toBeDefined();
    await w.get('[data-testid="chat-capacity"]').setValue('0');
    await w.get('[data-testid="chat-profile-form"]').trigger('submit');
    await flushPromises();
    expect(server.callsTo('PATCH', PROFILE)[0]!.body).toEqual({ capacity: 0 });
    expect(w.get('[data-testid="chat-capacity-error"]').text()).toBe('must be between 0 and 50');
    expect(w.get('[data-testid="chat-capacity"]').attributes('aria-invalid')).toBe('true');
    w.unmount();
  });

  it('speaks Kannada', async () => {
    serve('kn');
    const w = await editMeera('kn');
    expect(w.get('[data-testid="chat-profile"] h2').text()).toBe('Meera Rao ಅವರಿಗೆ ಲೈವ್ ಚಾಟ್');
    expect(w.get('label[for="chat-capacity"]').text()).toBe('ಒಮ್ಮೆಗೆ ಚಾಟ್‌ಗಳು');
    w.unmount();
  });
});

import websocket from '@fastify/websocket';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Executor } from '../../platform/db/index.js';
import {
  auditedWriter,
  CLOSE_FORBIDDEN_ORIGIN,
  CLOSE_NOT_FOUND,
  CLOSE_UNAUTHENTICATED,
  originAllowed,
  requireActor,
  type WsSocket,
} from '../../platform/http/index.js';
import type { Platform } from '../../platform/platform.js';
import { checkIn, leaveMeeting } from './live.attendance.js';
import { liveHub } from './live.hub.js';
import { endMeeting, finishItem, openMeeting, takeUpItem } from './live.items.js';
import { LiveSnapshotSchema, LiveViewerSchema, type LiveView } from './live.schemas.js';
import { mayRun, type LiveActor, type LiveResult } from './live.service.js';
import { buildSnapshot } from './live.snapshot.js';
import {
  callSpeaker,
  LIMIT_MAX_SECONDS,
  orderSpeakers,
  requestToSpeak,
  startSpeaker,
  stopSpeaker,
  withdrawSpeaker,
} from './live.speakers.js';
import { meetingVisible, paperActor } from './paper-access.js';
import { loadMeetingFor, type MeetingAccess } from './policy.js';

const TAGS = ['cabinet'];
const MeetingParams = z.object({ meetingId: z.string().max(64).describe('Mã phiên họp / Meeting id') });
const ItemParams = MeetingParams.extend({
  itemId: z.string().max(64).describe('Mã nội dung chương trình / Agenda item id'),
});
const SpeakerParams = MeetingParams.extend({
  speakerId: z.string().max(64).describe('Mã lượt phát biểu / Speaker entry id'),
});
const LiveResultSchema = z.object({
  meetingId: z.string(),
  seq: z.number().describe('Số thứ tự thay đổi đã tạo / The change counter this action produced'),
});
const PersonFields = {
  personId: z
    .string()
    .max(64)
    .optional()
    .describe(
      'Điểm danh hộ (Văn phòng, chủ tọa); bỏ trống: chính mình / For someone else (office); else self',
    ),
};

function viewOf(access: MeetingAccess, actor: LiveActor): LiveView {
  return mayRun(access, actor) ? 'chair' : 'participant';
}

/**
 * The live meeting room. GET …/live answers the snapshot over HTTP, or upgrades to a WebSocket that sends it
 * at once and then on every change. The POST actions run the room (chair, office, secretariat) or take part in
 * it (check in, ask to speak); each answers the live sequence its change produced.
 */
export async function liveRoutes(app: FastifyInstance, p: Platform): Promise<void> {
  // Another module may have registered the plugin already; it is global (fastify-plugin).
  if (!app.hasDecorator('websocketServer')) await app.register(websocket, { options: { maxPayload: 4096 } });
  const r = app.withTypeProvider<ZodTypeProvider>();
  const write = auditedWriter(p.db);
  const hub = liveHub(p);
  const visible = meetingVisible(p);

  r.route({
    method: 'GET',
    url: '/api/cabinet/meetings/:meetingId/live',
    schema: {
      tags: TAGS,
      summary: 'Phòng họp trực tiếp: trạng thái hiện tại (HTTP hoặc WebSocket) / The live room state',
      description:
        'HTTP: trạng thái hiện tại. WebSocket: máy chủ gửi {type:"hello"} rồi {type:"snapshot", data} ngay và ' +
        'sau mỗi thay đổi; khách có thể gửi {type:"resume", seq} hoặc {type:"ping"}. Đóng 4401 khi chưa đăng ' +
        'nhập, 4404 khi không thấy phiên họp, 4429 khi gửi quá 20 tin mỗi giây hoặc mở quá 10 kết nối. / HTTP: the current state. WebSocket: {type:"hello"} then ' +
        '{type:"snapshot", data} at once and after each change; the client may send {type:"resume", seq} or ' +
        '{type:"ping"}. Closed with 4401 when not signed in, 4404 when the meeting is not visible, ' +
        '4429 above 20 messages a second or 10 sockets per person.',
      params: MeetingParams,
      response: { 200: LiveSnapshotSchema.extend({ viewer: LiveViewerSchema }) },
    },
    handler: async (request) => {
      await requireActor(request);
      const actor = paperActor(request, p);
      return p.db.transaction(async (tx) => {
        const access = await loadMeetingFor(tx, actor, request.params.meetingId, 'read', actor.now);
        const snapshot = await buildSnapshot(tx, access.meeting.id, viewOf(access, actor), actor.now);
        return { ...snapshot!, viewer: viewerOf(access, actor) };
      });
    },
    wsHandler: (raw, request) => {
      const socket = raw as unknown as WsSocket;
      if (!originAllowed(request, p.config.PUBLIC_URL)) return socket.close(CLOSE_FORBIDDEN_ORIGIN, 'origin');
      if (!request.actor || request.actor.pending)
        return socket.close(CLOSE_UNAUTHENTICATED, 'unauthenticated');
      const actor = paperActor(request, p);
      const { meetingId } = request.params;
      // A resume sent before the access check needs no answer: joining sends the latest state anyway. A
      // client gone during the check is not joined (the hub looks at the socket's state).
      void p.db
        .transaction((tx) => loadMeetingFor(tx, actor, meetingId, 'read', actor.now))
        .then(
          (access) =>
            hub.join(
              access.meeting.id,
              socket,
              actor,
              viewOf(access, actor),
              { viewer: viewerOf(access, actor) },
              access.meeting.liveSeq,
            ),
          () => socket.close(CLOSE_NOT_FOUND, 'not found'),
        );
    },
  });

  /** An action: its transaction and audit, then the change announced to the room after the commit. */
  const act = async (
    request: FastifyRequest,
    action: string,
    change: (tx: Executor, actor: LiveActor) => Promise<LiveResult>,
  ): Promise<LiveResult> => {
    const { meetingId } = request.params as { meetingId: string };
    const actor = paperActor(request, p);
    const result = await write(
      request,
      { action: `cabinet.live.${action}`, objectType: 'cabinet_meeting', objectId: meetingId },
      (tx) => change(tx, actor),
    );
    hub.changed(result.meetingId, result.seq);
    return result;
  };

  const post = <P extends z.ZodTypeAny, B extends z.ZodTypeAny | undefined>(
    url: string,
    summary: string,
    params: P,
    body: B,
    handler: (
      request: FastifyRequest<{ Params: z.infer<P>; Body: B extends z.ZodTypeAny ? z.infer<B> : undefined }>,
    ) => Promise<LiveResult>,
  ) =>
    r.post(
      `/api/cabinet/meetings/:meetingId/live${url}`,
      {
        onRequest: requireActor,
        // A stranger's meeting answers 404 before the body is validated, so the 400 tells them nothing.
        preValidation: visible,
        schema: {
          tags: TAGS,
          summary,
          params,
          ...(body ? { body } : {}),
          response: { 200: LiveResultSchema },
        },
      },
      handler as never,
    );

  post('/open', 'Khai mạc phiên họp / Open the meeting', MeetingParams, undefined, (request) =>
    act(request, 'open', (tx, actor) => openMeeting(tx, actor, request.params.meetingId)),
  );
  post('/end', 'Bế mạc phiên họp / End the meeting', MeetingParams, undefined, (request) =>
    act(request, 'end', (tx, actor) => endMeeting(tx, actor, request.params.meetingId)),
  );
  post(
    '/item/:itemId/start',
    'Đưa nội dung ra thảo luận / Take up an agenda item',
    ItemParams,
    undefined,
    (request) =>
      act(request, 'item.start', (tx, actor) =>
        takeUpItem(tx, actor, request.params.meetingId, request.params.itemId),
      ),
  );
  post(
    '/item/:itemId/finish',
    'Kết thúc hoặc hoãn nội dung / Finish or defer an agenda item',
    ItemParams,
    z
      .object({
        outcome: z
          .enum(['done', 'deferred'])
          .optional()
          .describe('done: đã xong (mặc định); deferred: hoãn / done (default) or deferred'),
      })
      .nullish(),
    (request) =>
      act(request, 'item.finish', (tx, actor) =>
        finishItem(
          tx,
          actor,
          request.params.meetingId,
          request.params.itemId,
          request.body?.outcome ?? 'done',
        ),
      ),
  );
  post(
    '/check-in',
    'Điểm danh (tại phòng họp hoặc trực tuyến) / Check in (in the room or remotely)',
    MeetingParams,
    z
      .object({ ...PersonFields, remote: z.boolean().optional().describe('Dự trực tuyến / Joins remotely') })
      .nullish(),
    (request) =>
      act(request, 'check_in', (tx, actor) =>
        checkIn(tx, actor, request.params.meetingId, request.body ?? {}),
      ),
  );
  post(
    '/leave',
    'Rời phiên họp / Leave the meeting',
    MeetingParams,
    z.object(PersonFields).nullish(),
    (request) =>
      act(request, 'leave', (tx, actor) =>
        leaveMeeting(tx, actor, request.params.meetingId, request.body ?? {}),
      ),
  );
  post(
    '/speakers',
    'Đăng ký phát biểu về nội dung hiện tại / Ask to speak on the current item',
    MeetingParams,
    undefined,
    (request) =>
      act(request, 'speaker.request', (tx, actor) => requestToSpeak(tx, actor, request.params.meetingId)),
  );
  post(
    '/speakers/order',
    'Sắp xếp danh sách phát biểu / Order the list of speakers',
    MeetingParams,
    z.object({ speakerIds: z.array(z.string().max(64)).max(500) }),
    (request) =>
      act(request, 'speaker.order', (tx, actor) =>
        orderSpeakers(tx, actor, request.params.meetingId, request.body.speakerIds),
      ),
  );
  const speakerAction = (
    verb: 'withdraw' | 'call' | 'stop',
    summary: string,
    run: (tx: Executor, actor: LiveActor, meetingId: string, speakerId: string) => Promise<LiveResult>,
  ) =>
    post(`/speakers/:speakerId/${verb}`, summary, SpeakerParams, undefined, (request) =>
      act(request, `speaker.${verb}`, (tx, actor) =>
        run(tx, actor, request.params.meetingId, request.params.speakerId),
      ),
    );
  speakerAction('withdraw', 'Rút đăng ký phát biểu / Withdraw a request to speak', withdrawSpeaker);
  speakerAction('call', 'Mời chuẩn bị phát biểu / Call a speaker', callSpeaker);
  speakerAction('stop', 'Dừng phát biểu / Stop the speaker', stopSpeaker);
  post(
    '/speakers/:speakerId/start',
    'Cho phát biểu (bấm giờ) / Give the floor (timer starts)',
    SpeakerParams,
    z
      .object({
        limitSeconds: z
          .number()
          .int()
          .min(-1_000_000)
          .max(1_000_000)
          .nullish()
          .describe(`Giới hạn thời gian (giây, 10–${LIMIT_MAX_SECONDS}) / Time limit in seconds`),
      })
      .nullish(),
    (request) =>
      act(request, 'speaker.start', (tx, actor) =>
        startSpeaker(
          tx,
          actor,
          request.params.meetingId,
          request.params.speakerId,
          request.body?.limitSeconds ?? null,
        ),
      ),
  );
}

function viewerOf(access: MeetingAccess, actor: LiveActor) {
  return {
    personId: actor.personId,
    runsRoom: mayRun(access, actor),
    participant: access.participant !== null,
  };
}

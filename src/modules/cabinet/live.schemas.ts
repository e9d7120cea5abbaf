/** The live room's snapshot: one zod schema for the HTTP answer, the WebSocket message and their types. */
import { z } from 'zod';
import {
  AGENDA_STATES,
  ATTENDANCE_STATES,
  MEETING_STATUSES,
  OPINION_POSITIONS,
  OUTCOME_RESULTS,
  PARTICIPANT_ROLES,
  POLL_KINDS,
  POLL_STATES,
  SPEAKER_STATES,
} from './model.js';

const instant = z.string().nullable();

export const LiveItemSchema = z.object({
  id: z.string(),
  position: z.number(),
  title: z.string(),
  state: z.enum(AGENDA_STATES),
  plannedMinutes: z.number().nullable().describe('Thời lượng dự kiến (phút) / Time box in minutes'),
  spentSeconds: z
    .number()
    .describe('Thời gian đã thảo luận, kể cả đoạn đang mở / Seconds spent, the open span included'),
  openSince: instant.describe('Đoạn thảo luận đang mở từ / The open discussion span started at'),
  closedSeconds: z.number().describe('Thời gian các đoạn đã đóng / Seconds of the closed spans'),
});

export const LiveSpeakerSchema = z.object({
  id: z.string(),
  personId: z.string(),
  displayName: z.string(),
  state: z.enum(SPEAKER_STATES),
  position: z.number(),
  limitSeconds: z.number().nullable(),
  requestedAt: z.string(),
  startedAt: instant,
  endedAt: instant,
  spentSeconds: z.number(),
});

/** The open (or latest) poll as the room sees it (polls.view.ts): turnout and who voted, never a choice while open. */
export const LivePollSchema = z.object({
  id: z.string(),
  agendaItemId: z.string(),
  question: z.string(),
  kind: z.enum(POLL_KINDS),
  choices: z.array(z.object({ id: z.string(), vi: z.string(), en: z.string() })),
  state: z.enum(POLL_STATES),
  rosterSize: z.number(),
  voted: z.number(),
  needed: z.number(),
  roster: z.array(z.string()),
  voters: z.array(z.string()),
  unratified: z.number(),
  outcome: z.object({ result: z.enum(OUTCOME_RESULTS), counts: z.record(z.string(), z.number()) }).nullable(),
});

export const LiveSnapshotSchema = z.object({
  meetingId: z.string(),
  seq: z.number().describe('Số thứ tự thay đổi; lớn hơn là mới hơn / Change counter; higher is newer'),
  serverTime: z.string().describe('Giờ máy chủ khi lập / Server time when built'),
  view: z.enum(['chair', 'participant']).describe('Bản của chủ tọa/Văn phòng hay của người dự / Audience'),
  meeting: z.object({
    title: z.string(),
    status: z.enum(MEETING_STATUSES),
    chairId: z.string(),
    actualStart: instant,
    actualEnd: instant,
  }),
  currentItemId: z.string().nullable(),
  items: z.array(LiveItemSchema),
  speakers: z.array(LiveSpeakerSchema).describe('Danh sách phát biểu của nội dung hiện tại / Current list'),
  speakingTime: z
    .array(
      z.object({
        personId: z.string(),
        displayName: z.string(),
        seconds: z.number().describe('Tổng thời gian phát biểu trong phiên / Total across the meeting'),
        speakingSince: instant,
      }),
    )
    .describe('Thời gian phát biểu cộng dồn theo người / Cumulative speaking time per person'),
  attendance: z.array(
    z.object({
      personId: z.string(),
      displayName: z.string(),
      role: z.enum(PARTICIPANT_ROLES),
      voting: z.boolean(),
      attendance: z.enum(ATTENDANCE_STATES),
      checkedInAt: instant,
      remote: z.boolean(),
    }),
  ),
  quorum: z.object({
    present: z.number().describe('Thành viên biểu quyết đã điểm danh / Voting members checked in'),
    seated: z.number(),
    required: z.number(),
    reached: z.boolean(),
    numerator: z.number(),
    denominator: z.number(),
  }),
  opinions: z
    .array(
      z.object({
        id: z.string(),
        memberId: z.string(),
        displayName: z.string(),
        position: z.enum(OPINION_POSITIONS),
        body: z.string(),
        submittedAt: instant,
      }),
    )
    .nullable()
    .describe(
      'Ý kiến bằng văn bản của thành viên vắng về nội dung hiện tại; chỉ chủ tọa/Văn phòng / Written opinions of ' +
        'absent members on the current item; chair and office only (null otherwise)',
    ),
  poll: LivePollSchema.nullable().describe(
    'Cuộc biểu quyết đang mở (hoặc gần nhất): số đã biểu quyết, không lộ lựa chọn trước khi kết thúc / The open ' +
      '(or latest) poll: turnout only, no choices before close',
  ),
});

export type LiveSnapshot = z.infer<typeof LiveSnapshotSchema>;
export type LiveView = LiveSnapshot['view'];

export const LiveViewerSchema = z.object({
  personId: z.string(),
  runsRoom: z.boolean().describe('Chủ tọa/Văn phòng điều hành / Runs the room'),
  participant: z.boolean().describe('Có trong danh sách dự họp / Is a participant'),
});

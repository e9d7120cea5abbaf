import { defineErrors } from '../../platform/errors/index.js';

/** Exporting a decision's evidence bundle (`cpdt poll export`, `cpdt ballot export`). */
export const DecisionErrors = defineErrors({
  CABINET_DECISION_NOT_FOUND: {
    status: 404,
    vi: 'Không tìm thấy cuộc biểu quyết hoặc phiếu lấy ý kiến với mã này.',
    en: 'No poll or ballot with this id.',
  },
  CABINET_DECISION_NOT_CLOSED: {
    status: 409,
    vi: 'Chỉ xuất được hồ sơ chứng cứ sau khi đã kết thúc biểu quyết hoặc lấy ý kiến (có điểm chốt niêm phong).',
    en: 'The evidence can be exported only once the poll or ballot is closed (with its sealed checkpoint).',
  },
  CABINET_EXPORT_DIR_NOT_EMPTY: {
    status: 400,
    vi: 'Thư mục xuất đã có tệp: chọn một thư mục mới hoặc trống.',
    en: 'The export folder is not empty: choose a new or empty folder.',
  },
});

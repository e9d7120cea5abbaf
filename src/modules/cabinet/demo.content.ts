/**
 * What the demo session discusses: five agenda items presented by ministries, with their papers written in
 * the style of real submissions (all invented: numbers, names and figures are examples, not real documents).
 */
import type { Classification, PaperKind } from './model.js';
import type { Block, DemoDocument } from './demo.pdf.js';

export interface DemoPaper {
  title: string;
  kind: PaperKind;
  reference: string;
  fileName: string;
  document: DemoDocument;
}

export interface DemoItem {
  title: string;
  /** Presenting agency, by agency code. */
  agencyCode: string;
  /** Presenting person, by demo username. */
  presenter?: string;
  plannedMinutes: number;
  classification: Classification;
  papers: DemoPaper[];
  /** A classified item's paper-only stub. */
  stub?: { title: string; reference: string; note: string };
}

const p = (text: string): Block => ({ p: text });
const h = (text: string): Block => ({ h: text });

/** The items of the demo session; `dateLine` is "Hà Nội, ngày … tháng … năm …", `period` e.g. "tháng 3/2027". */
export function demoItems(dateLine: string, period: string, year: number): DemoItem[] {
  const dated = (place: string) => `${place}, ${dateLine}`;
  return [
    {
      title: 'Dự thảo Nghị định quy định về định danh và xác thực điện tử (sửa đổi)',
      agencyCode: '000.00.00.G01',
      plannedMinutes: 40,
      classification: 'internal',
      papers: [
        {
          title: 'Tờ trình về dự thảo Nghị định quy định về định danh và xác thực điện tử (sửa đổi)',
          kind: 'submission',
          reference: `45/TTr-BCA`,
          fileName: 'To-trinh-45-TTr-BCA.pdf',
          document: {
            issuer: ['BỘ CÔNG AN'],
            number: `Số: 45/TTr-BCA`,
            placeAndDate: dated('Hà Nội'),
            kind: 'TỜ TRÌNH',
            subject: ['Về dự thảo Nghị định quy định về định danh', 'và xác thực điện tử (sửa đổi)'],
            recipient: 'Kính gửi: Chính phủ',
            body: [
              p(
                'Thực hiện Chương trình công tác năm của Chính phủ, Bộ Công an đã chủ trì, phối hợp với các bộ, ngành, địa phương xây dựng dự thảo Nghị định quy định về định danh và xác thực điện tử (sửa đổi). Bộ Công an kính trình Chính phủ dự thảo Nghị định như sau:',
              ),
              h('I. SỰ CẦN THIẾT BAN HÀNH NGHỊ ĐỊNH'),
              p(
                'Sau hơn ba năm thi hành, Nghị định số 59/2022/NĐ-CP đã tạo cơ sở pháp lý quan trọng cho việc cấp và sử dụng tài khoản định danh điện tử. Đến nay đã có trên 60 triệu tài khoản được kích hoạt, hơn 1.500 thủ tục hành chính được tích hợp đăng nhập bằng tài khoản định danh điện tử trên Cổng Dịch vụ công quốc gia.',
              ),
              p(
                'Tuy nhiên, quá trình thực hiện cho thấy một số bất cập: quy định về mức độ xác thực chưa tương thích với yêu cầu của giao dịch có giá trị lớn; chưa có cơ chế cho phép người đại diện theo pháp luật sử dụng tài khoản của tổ chức; việc kết nối, chia sẻ dữ liệu giữa hệ thống định danh và các hệ thống thông tin của bộ, ngành còn phân tán. Vì vậy, việc sửa đổi Nghị định là cần thiết.',
              ),
              h('II. MỤC ĐÍCH, QUAN ĐIỂM XÂY DỰNG'),
              p(
                'Hoàn thiện khung pháp lý về định danh và xác thực điện tử, bảo đảm thống nhất với Luật Căn cước, Luật Giao dịch điện tử và Luật Bảo vệ dữ liệu cá nhân; tạo thuận lợi tối đa cho người dân, doanh nghiệp khi thực hiện thủ tục hành chính trên môi trường điện tử; bảo đảm an toàn, an ninh thông tin và quyền riêng tư của công dân.',
              ),
              h('III. QUÁ TRÌNH XÂY DỰNG DỰ THẢO'),
              p(
                'Bộ Công an đã thành lập Ban soạn thảo, Tổ biên tập; tổ chức lấy ý kiến các bộ, cơ quan ngang bộ, Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương và đăng tải dự thảo trên Cổng Thông tin điện tử của Chính phủ trong thời hạn 60 ngày. Bộ Tư pháp đã thẩm định dự thảo; Bộ Công an đã tiếp thu, giải trình đầy đủ ý kiến thẩm định.',
              ),
              h('IV. BỐ CỤC VÀ NỘI DUNG CƠ BẢN'),
              p(
                'Dự thảo Nghị định gồm 5 chương, 42 điều, quy định về tài khoản định danh điện tử mức độ 1 và mức độ 2, tài khoản của tổ chức, dịch vụ xác thực điện tử, trách nhiệm của cơ quan quản lý hệ thống định danh và xác thực điện tử, quyền và nghĩa vụ của chủ thể danh tính điện tử.',
              ),
              p(
                'Điểm mới chủ yếu: bổ sung xác thực sinh trắc học khi thực hiện giao dịch có giá trị lớn; cho phép tổ chức được cấp tài khoản định danh điện tử gắn với mã số doanh nghiệp; quy định thời hạn giải quyết cấp tài khoản không quá 01 ngày làm việc đối với trường hợp đã có đủ thông tin trong Cơ sở dữ liệu quốc gia về dân cư.',
              ),
              h('V. NHỮNG VẤN ĐỀ XIN Ý KIẾN CHÍNH PHỦ'),
              p(
                'Thứ nhất, phạm vi giao dịch bắt buộc xác thực sinh trắc học. Thứ hai, lộ trình chấm dứt sử dụng tài khoản do các hệ thống thông tin tự cấp đối với thủ tục hành chính. Thứ ba, cơ chế chia sẻ chi phí vận hành dịch vụ xác thực với các doanh nghiệp sử dụng dịch vụ.',
              ),
              p('Bộ Công an kính trình Chính phủ xem xét, quyết định./.'),
            ],
            signer: { role: 'BỘ TRƯỞNG', name: 'Nguyễn Văn Minh' },
          },
        },
        {
          title: 'Dự thảo Nghị định quy định về định danh và xác thực điện tử (sửa đổi)',
          kind: 'draft_decree',
          reference: 'Dự thảo 4',
          fileName: 'Du-thao-Nghi-dinh-dinh-danh-dien-tu.pdf',
          document: {
            issuer: ['CHÍNH PHỦ'],
            number: `Số:      /${year}/NĐ-CP`,
            placeAndDate: 'Hà Nội, ngày      tháng      năm ' + String(year),
            kind: 'NGHỊ ĐỊNH',
            subject: ['Quy định về định danh và xác thực điện tử'],
            draft: true,
            body: [
              p('Căn cứ Luật Tổ chức Chính phủ ngày 18 tháng 02 năm 2025;'),
              p('Căn cứ Luật Căn cước ngày 27 tháng 11 năm 2023;'),
              p('Căn cứ Luật Giao dịch điện tử ngày 22 tháng 6 năm 2023;'),
              p('Theo đề nghị của Bộ trưởng Bộ Công an;'),
              p('Chính phủ ban hành Nghị định quy định về định danh và xác thực điện tử.'),
              h('Chương I. NHỮNG QUY ĐỊNH CHUNG'),
              h('Điều 1. Phạm vi điều chỉnh'),
              p(
                'Nghị định này quy định về danh tính điện tử, tài khoản định danh điện tử; hệ thống định danh và xác thực điện tử; dịch vụ xác thực điện tử; trách nhiệm của cơ quan, tổ chức, cá nhân trong hoạt động định danh và xác thực điện tử.',
              ),
              h('Điều 2. Đối tượng áp dụng'),
              p(
                'Nghị định này áp dụng đối với công dân Việt Nam, người nước ngoài, cơ quan, tổ chức tại Việt Nam có liên quan đến hoạt động định danh và xác thực điện tử.',
              ),
              h('Điều 3. Giải thích từ ngữ'),
              p(
                '1. Danh tính điện tử là thông tin của một công dân, người nước ngoài hoặc tổ chức trong hệ thống định danh và xác thực điện tử, xác định duy nhất công dân, người nước ngoài hoặc tổ chức đó trên môi trường điện tử.',
              ),
              p(
                '2. Xác thực điện tử là hoạt động xác nhận, khẳng định thông tin đã được gắn với tài khoản định danh điện tử thông qua việc khai thác dữ liệu trong hệ thống định danh và xác thực điện tử.',
              ),
              h('Chương II. TÀI KHOẢN ĐỊNH DANH ĐIỆN TỬ'),
              h('Điều 4. Mức độ của tài khoản định danh điện tử'),
              p(
                '1. Tài khoản định danh điện tử mức độ 1 được tạo lập khi thông tin nhân thân đã được đối chiếu với Cơ sở dữ liệu quốc gia về dân cư. 2. Tài khoản định danh điện tử mức độ 2 được tạo lập khi thông tin nhân thân và ảnh chân dung, vân tay đã được đối chiếu, xác thực.',
              ),
              h('Điều 5. Thời hạn cấp tài khoản'),
              p(
                'Cơ quan quản lý định danh và xác thực điện tử cấp tài khoản định danh điện tử trong thời hạn không quá 01 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ; trường hợp cần xác minh thêm, thời hạn không quá 07 ngày làm việc.',
              ),
              h('Điều 6. Tài khoản định danh điện tử của tổ chức'),
              p(
                'Tổ chức được cấp một tài khoản định danh điện tử gắn với mã số doanh nghiệp hoặc mã định danh của tổ chức. Người đại diện theo pháp luật sử dụng tài khoản của tổ chức và có thể ủy quyền cho người khác sử dụng trong phạm vi được ủy quyền.',
              ),
              h('Chương III. ĐIỀU KHOẢN THI HÀNH'),
              h('Điều 7. Hiệu lực thi hành'),
              p(
                `Nghị định này có hiệu lực thi hành từ ngày 01 tháng 7 năm ${year}. Nghị định số 59/2022/NĐ-CP hết hiệu lực kể từ ngày Nghị định này có hiệu lực thi hành.`,
              ),
              h('Điều 8. Trách nhiệm thi hành'),
              p(
                'Các Bộ trưởng, Thủ trưởng cơ quan ngang bộ, Thủ trưởng cơ quan thuộc Chính phủ, Chủ tịch Ủy ban nhân dân tỉnh, thành phố trực thuộc trung ương chịu trách nhiệm thi hành Nghị định này./.',
              ),
            ],
            signer: { role: 'TM. CHÍNH PHỦ\nTHỦ TƯỚNG', name: '' },
          },
        },
      ],
    },
    {
      title: 'Dự án Luật sửa đổi, bổ sung một số điều của Luật Ban hành văn bản quy phạm pháp luật',
      agencyCode: '000.00.00.G15',
      presenter: 'botruong.tuphap',
      plannedMinutes: 45,
      classification: 'internal',
      papers: [
        {
          title:
            'Tờ trình về Dự án Luật sửa đổi, bổ sung một số điều của Luật Ban hành văn bản quy phạm pháp luật',
          kind: 'draft_law',
          reference: '125/TTr-BTP',
          fileName: 'To-trinh-125-TTr-BTP.pdf',
          document: {
            issuer: ['BỘ TƯ PHÁP'],
            number: 'Số: 125/TTr-BTP',
            placeAndDate: dated('Hà Nội'),
            kind: 'TỜ TRÌNH',
            subject: [
              'Về Dự án Luật sửa đổi, bổ sung một số điều',
              'của Luật Ban hành văn bản quy phạm pháp luật',
            ],
            recipient: 'Kính gửi: Chính phủ',
            body: [
              p(
                'Thực hiện Nghị quyết của Quốc hội về Chương trình xây dựng luật, pháp lệnh, Bộ Tư pháp đã chủ trì soạn thảo Dự án Luật sửa đổi, bổ sung một số điều của Luật Ban hành văn bản quy phạm pháp luật. Bộ Tư pháp xin báo cáo Chính phủ như sau:',
              ),
              h('I. SỰ CẦN THIẾT'),
              p(
                'Luật Ban hành văn bản quy phạm pháp luật năm 2025 đã đổi mới mạnh mẽ quy trình xây dựng pháp luật, tách bạch quy trình xây dựng chính sách và soạn thảo văn bản. Qua thực tiễn thi hành, một số quy định về thủ tục rút gọn, về lấy ý kiến đối tượng chịu tác động và về đăng tải dự thảo trên môi trường điện tử cần tiếp tục được hoàn thiện để bảo đảm kịp thời tháo gỡ điểm nghẽn thể chế.',
              ),
              h('II. QUAN ĐIỂM CHỈ ĐẠO'),
              p(
                'Bảo đảm sự lãnh đạo của Đảng đối với công tác xây dựng pháp luật; đổi mới tư duy xây dựng pháp luật theo hướng vừa bảo đảm yêu cầu quản lý nhà nước, vừa khuyến khích sáng tạo, khơi thông mọi nguồn lực; chỉ sửa đổi những nội dung thực sự cần thiết, đã rõ, được thực tiễn chứng minh.',
              ),
              h('III. NỘI DUNG CHÍNH CỦA DỰ ÁN LUẬT'),
              p(
                '1. Mở rộng các trường hợp được xây dựng, ban hành văn bản theo trình tự, thủ tục rút gọn, bao gồm trường hợp cần xử lý ngay vướng mắc do quy định của pháp luật chồng chéo, mâu thuẫn.',
              ),
              p(
                '2. Quy định bắt buộc đăng tải dự thảo văn bản, hồ sơ dự án và báo cáo tiếp thu, giải trình trên Cổng Thông tin điện tử của cơ quan chủ trì soạn thảo và Cổng Pháp luật quốc gia; thời gian lấy ý kiến không ít hơn 20 ngày.',
              ),
              p(
                '3. Bổ sung quy định về ứng dụng trí tuệ nhân tạo và dữ liệu trong rà soát, kiểm tra văn bản; cơ sở dữ liệu quốc gia về pháp luật được kết nối với hệ thống thông tin phục vụ họp và xử lý công việc của Chính phủ.',
              ),
              p(
                '4. Rút ngắn thời hạn thẩm định đối với dự án luật, dự thảo nghị định xuống còn 10 ngày làm việc; trường hợp thủ tục rút gọn là 05 ngày làm việc kể từ ngày nhận đủ hồ sơ.',
              ),
              h('IV. Ý KIẾN CÁC BỘ, NGÀNH VÀ VẤN ĐỀ CÒN Ý KIẾN KHÁC NHAU'),
              p(
                'Đa số ý kiến thống nhất với sự cần thiết và nội dung cơ bản của Dự án Luật. Còn ý kiến khác nhau về phạm vi áp dụng thủ tục rút gọn đối với nghị quyết của Hội đồng nhân dân cấp tỉnh và về thẩm quyền quyết định việc áp dụng thủ tục rút gọn. Bộ Tư pháp đề xuất giao Chủ tịch Ủy ban nhân dân cấp tỉnh quyết định và báo cáo Thường trực Hội đồng nhân dân.',
              ),
              p(
                'Bộ Tư pháp kính trình Chính phủ xem xét, thông qua để trình Quốc hội tại kỳ họp gần nhất./.',
              ),
            ],
            signer: { role: 'BỘ TRƯỞNG', name: 'Hoàng Văn Dũng' },
          },
        },
      ],
    },
    {
      title: `Báo cáo tình hình kinh tế - xã hội ${period}, nhiệm vụ và giải pháp trọng tâm thời gian tới`,
      agencyCode: '000.00.00.G12',
      plannedMinutes: 60,
      classification: 'internal',
      papers: [
        {
          title: `Báo cáo tình hình kinh tế - xã hội ${period}`,
          kind: 'report',
          reference: '310/BC-BTC',
          fileName: 'Bao-cao-310-BC-BTC.pdf',
          document: {
            issuer: ['BỘ TÀI CHÍNH'],
            number: 'Số: 310/BC-BTC',
            placeAndDate: dated('Hà Nội'),
            kind: 'BÁO CÁO',
            subject: [
              `Tình hình kinh tế - xã hội ${period}`,
              'và nhiệm vụ, giải pháp trọng tâm thời gian tới',
            ],
            recipient: 'Kính gửi: Chính phủ',
            body: [
              h('I. TÌNH HÌNH KINH TẾ - XÃ HỘI'),
              p(
                'Trong tháng, kinh tế vĩ mô tiếp tục ổn định, lạm phát được kiểm soát, các cân đối lớn được bảo đảm. Chỉ số giá tiêu dùng bình quân tăng 3,2% so với cùng kỳ; tổng kim ngạch xuất nhập khẩu ước đạt 68,5 tỷ USD, tăng 12,4%; xuất siêu khoảng 2,1 tỷ USD.',
              ),
              p(
                'Thu ngân sách nhà nước lũy kế ước đạt 21,6% dự toán, tăng 15,3% so với cùng kỳ. Giải ngân vốn đầu tư công đạt 8,7% kế hoạch Thủ tướng Chính phủ giao, cao hơn cùng kỳ năm trước; tuy nhiên vẫn còn 12 bộ, cơ quan trung ương và 9 địa phương có tỷ lệ giải ngân dưới mức bình quân cả nước.',
              ),
              p(
                'Sản xuất công nghiệp phục hồi tích cực, chỉ số sản xuất toàn ngành công nghiệp tăng 8,9%. Khu vực nông nghiệp ổn định; du lịch tăng trưởng mạnh với khoảng 2,3 triệu lượt khách quốc tế. Số doanh nghiệp thành lập mới và quay trở lại hoạt động đạt trên 28 nghìn doanh nghiệp.',
              ),
              p(
                'Công tác chuyển đổi số, cải cách thủ tục hành chính tiếp tục được đẩy mạnh: tỷ lệ hồ sơ trực tuyến toàn trình đạt 46%; 100% văn bản giữa các cơ quan hành chính nhà nước được gửi, nhận qua Trục liên thông văn bản quốc gia, trừ văn bản mật.',
              ),
              h('II. HẠN CHẾ, KHÓ KHĂN'),
              p(
                'Sức cầu trong nước phục hồi chậm; thị trường bất động sản tại một số địa phương còn trầm lắng; giải ngân vốn đầu tư công chưa đồng đều; một số dự án trọng điểm quốc gia chậm tiến độ giải phóng mặt bằng; tình hình thiên tai, dịch bệnh trên cây trồng, vật nuôi diễn biến phức tạp.',
              ),
              h('III. NHIỆM VỤ, GIẢI PHÁP TRỌNG TÂM'),
              p(
                '1. Tiếp tục ưu tiên thúc đẩy tăng trưởng gắn với giữ vững ổn định kinh tế vĩ mô, kiểm soát lạm phát; điều hành chính sách tiền tệ chủ động, linh hoạt, phối hợp chặt chẽ với chính sách tài khoá.',
              ),
              p(
                '2. Quyết liệt đẩy mạnh giải ngân vốn đầu tư công; kiểm điểm trách nhiệm người đứng đầu các cơ quan, đơn vị có tỷ lệ giải ngân thấp; tháo gỡ kịp thời vướng mắc về đất đai, vật liệu xây dựng cho các dự án trọng điểm.',
              ),
              p(
                '3. Đẩy mạnh cải cách thủ tục hành chính, cắt giảm điều kiện kinh doanh; triển khai hiệu quả Đề án phát triển ứng dụng dữ liệu về dân cư, định danh và xác thực điện tử phục vụ chuyển đổi số quốc gia.',
              ),
              p(
                '4. Chăm lo đời sống nhân dân, bảo đảm an sinh xã hội; chủ động phòng, chống thiên tai; giữ vững quốc phòng, an ninh, trật tự, an toàn xã hội./.',
              ),
            ],
            signer: { role: 'BỘ TRƯỞNG', name: 'Phạm Thị Thu' },
          },
        },
      ],
    },
    {
      title: 'Đề án chuyển đổi số trong hoạt động của cơ quan hành chính nhà nước giai đoạn 2026 - 2030',
      agencyCode: '000.00.00.G06',
      plannedMinutes: 30,
      classification: 'internal',
      papers: [
        {
          title:
            'Tờ trình Đề án chuyển đổi số trong hoạt động của cơ quan hành chính nhà nước giai đoạn 2026 - 2030',
          kind: 'proposal',
          reference: '88/TTr-BKHCN',
          fileName: 'To-trinh-88-TTr-BKHCN.pdf',
          document: {
            issuer: ['BỘ KHOA HỌC VÀ CÔNG NGHỆ'],
            number: 'Số: 88/TTr-BKHCN',
            placeAndDate: dated('Hà Nội'),
            kind: 'TỜ TRÌNH',
            subject: [
              'Về Đề án chuyển đổi số trong hoạt động của',
              'cơ quan hành chính nhà nước giai đoạn 2026 - 2030',
            ],
            recipient: 'Kính gửi: Chính phủ',
            body: [
              h('I. SỰ CẦN THIẾT XÂY DỰNG ĐỀ ÁN'),
              p(
                'Giai đoạn vừa qua, hạ tầng số của các cơ quan nhà nước đã được đầu tư tương đối đồng bộ: Hệ thống thông tin phục vụ họp và xử lý công việc của Chính phủ (e-Cabinet) đã tổ chức hàng trăm phiên họp và gửi hàng nghìn phiếu lấy ý kiến thành viên Chính phủ, góp phần giảm thời gian họp và tiết kiệm chi phí in ấn tài liệu.',
              ),
              p(
                'Tuy vậy, dữ liệu giữa các hệ thống còn phân tán, chưa được chia sẻ, tái sử dụng; nhiều quy trình nội bộ vẫn song song giấy và điện tử; năng lực số của đội ngũ cán bộ, công chức chưa đồng đều. Do đó, cần có Đề án tổng thể để chuyển đổi số toàn diện hoạt động của cơ quan hành chính nhà nước.',
              ),
              h('II. MỤC TIÊU'),
              p(
                'Đến năm 2030: 100% phiên họp của Chính phủ, Ủy ban nhân dân cấp tỉnh được tổ chức không giấy, trừ nội dung mật; thời gian họp bình quân giảm ít nhất 30% so với năm 2025; 100% nhiệm vụ được giao tại thông báo kết luận được theo dõi, đôn đốc trên môi trường điện tử; 90% hồ sơ công việc tại cấp bộ, cấp tỉnh được xử lý trên môi trường mạng.',
              ),
              h('III. NHIỆM VỤ, GIẢI PHÁP CHỦ YẾU'),
              p(
                '1. Hoàn thiện thể chế về văn bản điện tử, chữ ký số chuyên dùng công vụ, lưu trữ điện tử và chia sẻ dữ liệu giữa các cơ quan nhà nước.',
              ),
              p(
                '2. Phát triển nền tảng dùng chung: họp không giấy, quản lý văn bản và điều hành, theo dõi nhiệm vụ, tra cứu văn bản; mã nguồn mở được ưu tiên để các cơ quan cùng sử dụng, cùng phát triển.',
              ),
              p(
                '3. Bảo đảm an toàn thông tin theo cấp độ; tài liệu mật được quản lý theo quy định của pháp luật về bảo vệ bí mật nhà nước, không đưa lên hệ thống kết nối Internet.',
              ),
              p(
                '4. Đào tạo, bồi dưỡng kỹ năng số cho cán bộ, công chức; gắn kết quả chuyển đổi số với đánh giá, xếp loại cơ quan, người đứng đầu.',
              ),
              h('IV. KINH PHÍ THỰC HIỆN'),
              p(
                'Kinh phí thực hiện Đề án từ nguồn ngân sách nhà nước theo phân cấp hiện hành và các nguồn hợp pháp khác; ưu tiên thuê dịch vụ công nghệ thông tin, tận dụng hạ tầng, nền tảng sẵn có.',
              ),
              p('Bộ Khoa học và Công nghệ kính trình Chính phủ xem xét, quyết định./.'),
            ],
            signer: { role: 'BỘ TRƯỞNG', name: 'Trần Đức Long' },
          },
        },
      ],
    },
    {
      title: 'Đề án bảo đảm an ninh mạng đối với hệ thống thông tin quan trọng quốc gia',
      agencyCode: '000.00.00.G01',
      plannedMinutes: 25,
      classification: 'mat',
      papers: [],
      stub: {
        title: 'Đề án bảo đảm an ninh mạng đối với hệ thống thông tin quan trọng quốc gia',
        reference: '52/TTr-BCA',
        note: 'Tài liệu Mật: phát hành bản giấy, đánh số từ 01 đến 30, giao trực tiếp tại phòng họp theo Luật Bảo vệ bí mật nhà nước; thu hồi sau phiên họp. Liên hệ Phòng Hành chính - Văn thư, Văn phòng Chính phủ.',
      },
    },
  ];
}

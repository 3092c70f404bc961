// What people of Huế write about, per category: the problem (Vietnamese and English), what it
// leads to, and the streets and landmarks they name. Written for this project (no real
// complaint is copied); texts.ts puts them together in the styles people write in.

export interface CategoryPhrases {
  /** The problem, as a clause that can follow "ở đây" or start a sentence. */
  vi: string[];
  /** What it leads to. */
  viEffect: string[];
  en: string[];
}

export const PHRASES: Record<string, CategoryPhrases> = {
  waste: {
    vi: [
      'rác thải đổ bừa bãi ra lề đường',
      'thùng rác công cộng đầy tràn mà không ai thu gom',
      'có người đổ trộm xà bần và rác sinh hoạt',
      'xe rác không đến thu gom mấy ngày liền',
      'rác ứ đọng dưới chân cầu',
      'bãi rác tự phát ngay đầu kiệt',
    ],
    viEffect: [
      'bốc mùi hôi thối nồng nặc',
      'ruồi muỗi bu đầy',
      'chó mèo bới tung ra cả lòng đường',
      'nước rỉ rác chảy ra mặt đường',
    ],
    en: ['garbage piled up on the pavement', 'the public bins are overflowing', 'someone dumped building rubble'],
  },
  road_damage: {
    vi: [
      'mặt đường bị sụt lún thành ổ gà lớn',
      'đường hư hỏng nặng, bong tróc nhựa',
      'nắp hố ga bị vỡ, hở một lỗ lớn',
      'vỉa hè bị bong gạch, lồi lõm',
      'ổ gà sâu giữa đường',
      'mặt cầu có vết nứt dài',
    ],
    viEffect: [
      'xe máy đi qua dễ té ngã',
      'trời mưa nước đọng thành vũng không thấy ổ gà',
      'đã có người bị ngã xe ở đây',
      'ban đêm rất nguy hiểm',
    ],
    en: ['a deep pothole in the middle of the road', 'the road surface is breaking up', 'a broken drain cover'],
  },
  urban_order: {
    vi: [
      'hàng quán lấn chiếm hết vỉa hè',
      'xe máy đậu tràn xuống lòng đường',
      'quảng cáo rao vặt dán đầy cột điện',
      'quán nhậu kê bàn ghế ra tận lòng đường',
      'người bán hàng rong chiếm lối đi',
    ],
    viEffect: [
      'người đi bộ phải đi xuống lòng đường',
      'rất mất mỹ quan đô thị',
      'gây ách tắc vào giờ cao điểm',
      'khách du lịch đi qua rất phản cảm',
    ],
    en: ['restaurants have taken over the whole pavement', 'motorbikes parked across the footpath'],
  },
  streetlight: {
    vi: [
      'đèn đường bị hỏng, tối om cả đoạn',
      'cột đèn chiếu sáng không sáng',
      'đèn đường chập chờn lúc sáng lúc tắt',
      'đèn đường sáng cả ban ngày',
      'cả dãy đèn trong kiệt không hoạt động',
    ],
    viEffect: ['buổi tối đi lại rất nguy hiểm', 'có nguy cơ mất an ninh trật tự', 'lãng phí điện'],
    en: ['the street lights are out', 'a street lamp keeps flickering', 'the lights stay on all day'],
  },
  drainage_flooding: {
    vi: [
      'mưa xuống là ngập sâu',
      'cống thoát nước bị tắc',
      'nước đọng lâu ngày không thoát được',
      'mương thoát nước đầy bùn và rác',
      'nước tràn vào nhà dân mỗi khi mưa lớn',
    ],
    viEffect: ['xe chết máy giữa đường', 'bốc mùi hôi và sinh muỗi', 'người dân không ra khỏi nhà được'],
    en: ['the street floods every time it rains', 'the drain is blocked', 'standing water for days'],
  },
  traffic: {
    vi: [
      'đèn tín hiệu giao thông bị hỏng',
      'biển báo bị che khuất bởi cây',
      'ùn tắc kéo dài vào giờ tan học',
      'xe tải chạy vào giờ cấm',
      'vạch kẻ đường bị mờ hết',
    ],
    viEffect: ['rất dễ xảy ra tai nạn', 'xe cộ chen lấn lộn xộn', 'học sinh qua đường rất nguy hiểm'],
    en: ['the traffic light at the junction is broken', 'heavy congestion at school time'],
  },
  pollution: {
    vi: [
      'cơ sở sản xuất xả khói đen',
      'đốt rác gây khói mù mịt',
      'tiếng ồn từ quán karaoke đến khuya',
      'nước thải xả thẳng ra sông',
      'bụi mù từ xe chở vật liệu',
    ],
    viEffect: ['người già và trẻ nhỏ bị ho', 'không ai ngủ được', 'nước sông đổi màu, cá chết'],
    en: ['loud karaoke until after midnight', 'smoke from burning rubbish', 'waste water poured into the river'],
  },
  trees_parks: {
    vi: [
      'cây xanh bị gãy cành lớn',
      'cây nghiêng sắp đổ',
      'cây đổ chắn ngang đường',
      'cỏ trong công viên mọc um tùm',
      'ghế đá trong công viên bị hư',
    ],
    viEffect: ['có thể rơi trúng người đi đường', 'xe không qua được', 'chỗ vui chơi của trẻ em bị bỏ hoang'],
    en: ['a large branch is about to fall', 'a fallen tree blocks the road'],
  },
  construction: {
    vi: [
      'công trình xây dựng không che chắn',
      'xây dựng lấn chiếm hành lang',
      'vật liệu xây dựng đổ tràn ra đường',
      'công trình thi công cả ban đêm',
      'đào đường xong không hoàn trả mặt bằng',
    ],
    viEffect: ['bụi bay vào nhà dân', 'ồn ào không ngủ được', 'người đi đường phải tránh xuống lòng đường'],
    en: ['a building site with no fencing', 'building materials left on the road'],
  },
  water_supply: {
    vi: ['mất nước sinh hoạt', 'đường ống nước bị vỡ', 'nước máy có màu đục', 'nước yếu, không lên được tầng hai'],
    viEffect: ['cả xóm không có nước dùng', 'nước chảy lênh láng ra đường', 'không dám dùng để nấu ăn'],
    en: ['no tap water since yesterday', 'a burst water pipe', 'the tap water is cloudy'],
  },
  electricity: {
    vi: ['mất điện không báo trước', 'dây điện bị chùng võng thấp', 'trụ điện nghiêng', 'điện chập chờn cả ngày'],
    viEffect: ['đồ điện trong nhà bị hư', 'rất nguy hiểm khi trời mưa gió', 'không làm ăn buôn bán được'],
    en: ['a power cut with no notice', 'a power line hanging low over the street'],
  },
  public_security: {
    vi: [
      'có nhóm thanh niên tụ tập, đua xe',
      'xảy ra trộm cắp xe máy',
      'có người say rượu gây rối',
      'đánh nhau trước quán',
    ],
    viEffect: ['người dân rất lo lắng', 'không dám ra đường ban đêm'],
    en: ['young men racing motorbikes at night', 'motorbike thefts in the street'],
  },
  fire_rescue: {
    vi: ['có khói bốc lên từ một ngôi nhà', 'cháy cỏ lan gần khu dân cư', 'mùi khét nghi chập điện'],
    viEffect: ['cần hỗ trợ gấp', 'lửa đang lan nhanh'],
    en: ['smoke coming out of a house', 'a grass fire close to the houses'],
  },
  health_food: {
    vi: [
      'quán ăn không đảm bảo vệ sinh',
      'bán thực phẩm không rõ nguồn gốc',
      'nhiều người bị đau bụng sau khi ăn ở quán',
    ],
    viEffect: ['ảnh hưởng sức khỏe người dân', 'học sinh hay mua ăn'],
    en: ['a food stall with no hygiene at all', 'food of unknown origin sold at the market'],
  },
  tourism_heritage: {
    vi: [
      'tường thành bị vẽ bậy',
      'xích lô chèo kéo, ép giá khách du lịch',
      'rác thải quanh khu di tích',
      'biển chỉ dẫn di tích bị hư hỏng',
    ],
    viEffect: ['làm xấu hình ảnh Huế', 'du khách phàn nàn nhiều'],
    en: ['graffiti on the Citadel wall', 'tourists overcharged by cyclo drivers'],
  },
  public_services: {
    vi: [
      'hồ sơ nộp quá hạn mà chưa có kết quả',
      'trang dịch vụ công bị lỗi không nộp được hồ sơ',
      'cán bộ hẹn đi hẹn lại nhiều lần',
    ],
    viEffect: ['tôi phải đi lại nhiều lần', 'mất nhiều thời gian của người dân'],
    en: ['my application is overdue with no answer', 'the online service page does not work'],
  },
  other: {
    vi: ['chó thả rông không rọ mõm', 'loa phát thanh phường hỏng', 'nhà hoang xuống cấp có nguy cơ sập'],
    viEffect: ['người dân lo lắng', 'mong được quan tâm'],
    en: ['stray dogs roaming the street', 'an abandoned house close to collapse'],
  },
};

export const GENERIC: CategoryPhrases = {
  vi: ['có sự việc cần cơ quan chức năng kiểm tra'],
  viEffect: ['ảnh hưởng đến người dân'],
  en: ['something here needs the city to look at it'],
};

export const STREETS = [
  'Lê Lợi',
  'Trần Hưng Đạo',
  'Hùng Vương',
  'Nguyễn Huệ',
  'Lê Duẩn',
  'Điện Biên Phủ',
  'Bà Triệu',
  'Nguyễn Trãi',
  'Phan Đình Phùng',
  'Mai Thúc Loan',
  'Chi Lăng',
  'Nguyễn Sinh Cung',
  'Tố Hữu',
  'An Dương Vương',
  'Đặng Thái Thân',
  'Hàn Mặc Tử',
  'Đống Đa',
  'Ngự Bình',
  'Phạm Văn Đồng',
  'Nguyễn Chí Thanh',
  'Kim Long',
  'Huỳnh Thúc Kháng',
  'Trường Chinh',
  'Võ Văn Kiệt',
  'Phan Bội Châu',
  'Bạch Đằng',
  'Lê Ngô Cát',
  'Nguyễn Lộ Trạch',
];

export const LANDMARKS = [
  'chợ Đông Ba',
  'cầu Trường Tiền',
  'cửa Thượng Tứ',
  'Đại Nội',
  'ga Huế',
  'bến xe phía Nam',
  'cầu Phú Xuân',
  'cầu Dã Viên',
  'chùa Thiên Mụ',
  'Đàn Nam Giao',
  'hồ Tịnh Tâm',
  'cầu Gia Hội',
  'phố đi bộ Nguyễn Đình Chiểu',
  'công viên Thương Bạc',
  'trường Quốc Học',
  'Bệnh viện Trung ương Huế',
  'chợ An Cựu',
  'chợ Bến Ngự',
  'chợ Tây Lộc',
  'cầu Kim Long',
  'bãi biển Thuận An',
  'cầu Chợ Dinh',
  'Đồi Vọng Cảnh',
  'cầu Ga',
];

export const DURATIONS = ['cả tuần nay', '3 ngày nay', 'từ hôm qua', 'gần một tháng', 'mấy hôm nay', 'từ sáng tới giờ'];
export const DURATIONS_EN = ['for a week', 'for three days', 'since yesterday', 'for almost a month'];
export const RECIPIENTS = ['Trung tâm IOC Huế', 'UBND phường', 'các cơ quan chức năng', 'Ban quản trị Hue-S'];
export const ANGRY_ENDINGS = ['Bức xúc quá!', 'Làm ăn kiểu gì vậy?', 'Đề nghị xử lý ngay!!!', 'Báo mấy lần rồi!'];

/** What staff and citizens write on the timeline. */
export const TIMELINE_WORDS = {
  rejected: [
    'Nội dung không thuộc phạm vi xử lý',
    'Phản ánh không có nội dung cụ thể',
    'Vụ việc thuộc tranh chấp dân sự, đề nghị liên hệ Tòa án',
    'Phản ánh trùng lặp, đã được xử lý trước đó',
  ],
  transferred: [
    'Không thuộc thẩm quyền của đơn vị',
    'Vị trí thuộc địa bàn đơn vị khác quản lý',
    'Chuyển đơn vị chuyên ngành xử lý',
  ],
  question: [
    'Đề nghị gửi thêm ảnh hiện trường',
    'Đề nghị cho biết vị trí cụ thể (số nhà, kiệt)',
    'Sự việc xảy ra vào khung giờ nào?',
    'Đề nghị cung cấp số điện thoại để cán bộ liên hệ khi đến kiểm tra',
  ],
  reply: [
    'Đã gửi thêm ảnh',
    'Trước số nhà 25, gần cột điện',
    'Thường vào buổi tối, khoảng 21 giờ',
    'Cảm ơn, tôi đã gửi',
  ],
  resolved: [
    'Đã xử lý xong',
    'Đơn vị đã cử người đến hiện trường và khắc phục',
    'Đã thu gom, vệ sinh khu vực',
    'Đã sửa chữa, hoàn trả hiện trạng',
    'Đã lập biên bản, yêu cầu chủ hộ khắc phục',
    'Đã thay thế thiết bị hư hỏng',
  ],
};

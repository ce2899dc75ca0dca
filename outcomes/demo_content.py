"""Fictional demo content for outcomes: framework commitments, outcomes, challenges and lessons.

Texts are written for the demo (paraphrasing the platform's published facts, never quoting
them), in English, Thai, Bahasa Indonesia and Malay (the last two merged in from BODIES and
CHALLENGE_TEXTS at the end of the module).
"""

FRAMEWORKS = [
    # framework, code, position, {lang: title}
    (
        "gcm",
        "GCM 1",
        1,
        {
            "en": "Collect and use accurate and disaggregated data as a basis for evidence-based policies",
            "ind": "Mengumpulkan dan menggunakan data yang akurat dan terpilah sebagai dasar kebijakan berbasis bukti",
            "ms": "Mengumpul dan menggunakan data yang tepat dan terperinci sebagai asas dasar berasaskan bukti",
            "th": "เก็บและใช้ข้อมูลที่ถูกต้องและจำแนกรายละเอียดเป็นฐานของนโยบายที่อิงหลักฐาน",
        },
    ),
    (
        "gcm",
        "GCM 7",
        7,
        {
            "en": "Address and reduce vulnerabilities in migration",
            "ind": "Menangani dan mengurangi kerentanan dalam migrasi",
            "ms": "Menangani dan mengurangkan kerentanan dalam migrasi",
            "th": "จัดการและลดความเปราะบางในการย้ายถิ่น",
        },
    ),
    (
        "gcm",
        "GCM 13",
        13,
        {
            "en": "Use immigration detention only as a measure of last resort and work towards alternatives",
            "ind": "Menggunakan detensi imigrasi hanya sebagai upaya terakhir dan mengupayakan alternatifnya",
            "ms": "Menggunakan tahanan imigresen hanya sebagai langkah terakhir dan mengusahakan alternatif",
            "th": "ใช้การกักตัวคนเข้าเมืองเป็นมาตรการสุดท้ายเท่านั้นและพัฒนาทางเลือกแทนการกักตัว",
        },
    ),
    (
        "gcm",
        "GCM 15",
        15,
        {
            "en": "Provide access to basic services for migrants",
            "ind": "Menyediakan akses layanan dasar bagi migran",
            "ms": "Menyediakan akses kepada perkhidmatan asas untuk migran",
            "th": "ให้ผู้ย้ายถิ่นเข้าถึงบริการขั้นพื้นฐาน",
        },
    ),
    (
        "gcm",
        "GCM 23",
        23,
        {
            "en": "Strengthen international cooperation and global partnerships for safe, orderly and regular migration",
            "ind": "Memperkuat kerja sama internasional dan kemitraan global untuk migrasi yang aman, tertib dan teratur",
            "ms": "Mengukuhkan kerjasama antarabangsa dan perkongsian global untuk migrasi yang selamat, teratur dan sah",
            "th": "เสริมสร้างความร่วมมือระหว่างประเทศและหุ้นส่วนระดับโลกเพื่อการย้ายถิ่นที่ปลอดภัย เป็นระเบียบ และปกติ",
        },
    ),
    (
        "asean",
        "ASEAN 1",
        1,
        {
            "en": "Uphold the best interests of the child in all actions concerning children in migration",
            "ind": "Menjunjung kepentingan terbaik anak dalam semua tindakan terkait anak dalam konteks migrasi",
            "ms": "Menjunjung kepentingan terbaik kanak-kanak dalam semua tindakan berkaitan kanak-kanak dalam migrasi",
            "th": "ยึดประโยชน์สูงสุดของเด็กในทุกการดำเนินการที่เกี่ยวกับเด็กในบริบทการย้ายถิ่น",
        },
    ),
    (
        "asean",
        "ASEAN 4",
        4,
        {
            "en": "Work towards ending the immigration detention of children and explore alternatives",
            "ind": "Mengupayakan penghentian detensi imigrasi anak dan menjajaki alternatifnya",
            "ms": "Berusaha menamatkan tahanan imigresen kanak-kanak dan meneroka alternatif",
            "th": "มุ่งยุติการกักตัวเด็กในสถานกักตัวคนเข้าเมืองและแสวงหาทางเลือกอื่น",
        },
    ),
    (
        "asean",
        "ASEAN 5",
        5,
        {
            "en": "Give children in the context of migration access to education and health care",
            "ind": "Memberikan akses pendidikan dan layanan kesehatan bagi anak dalam konteks migrasi",
            "ms": "Memberi kanak-kanak dalam konteks migrasi akses kepada pendidikan dan penjagaan kesihatan",
            "th": "ให้เด็กในบริบทการย้ายถิ่นเข้าถึงการศึกษาและบริการสุขภาพ",
        },
    ),
]

# Each outcome: key fields, then texts by language. Champions are (country, sector, index)
# picks among existing participants, so the demo works on any directory.
OUTCOMES = [
    {
        "kind": "national_reform",
        "country": "TH",
        "date": "2019-11-21",
        "verification": "substantiated",
        "frameworks": ["GCM 13", "ASEAN 4", "ASEAN 1"],
        "champions": [("TH", "government", 0)],
        "evidence": [
            (
                "link",
                "Published inter-agency memorandum (summary)",
                "https://example.org/th-mou-summary",
            )
        ],
        "en": {
            "title": "Inter-agency memorandum to stop detaining migrant children",
            "what_changed": "Seven Thai agencies agreed common procedures so that children found without immigration status are screened and referred to shelters or family care instead of immigration detention centres.",
            "who_changed": "The immigration bureau, the social development ministry and five partner agencies, with civil society advising on procedures.",
            "significance": "For the first time one written procedure covers every agency that meets a migrant child, closing the gaps through which children ended up detained.",
            "contribution": "Officials from three of the agencies met at the first convening, studied community placement on a site visit, and drafted the referral steps together between meetings.",
        },
        "th": {
            "title": "บันทึกความเข้าใจระหว่างหน่วยงานเพื่อยุติการกักตัวเด็กผู้ย้ายถิ่น",
            "what_changed": "หน่วยงานไทยเจ็ดแห่งตกลงขั้นตอนร่วมกัน เพื่อให้เด็กที่ไม่มีสถานะทางทะเบียนได้รับการคัดกรองและส่งต่อไปยังบ้านพักหรือการดูแลในครอบครัว แทนการส่งเข้าสถานกักตัวคนต่างด้าว",
            "who_changed": "สำนักงานตรวจคนเข้าเมือง กระทรวงการพัฒนาสังคมฯ และหน่วยงานภาคีอีกห้าแห่ง โดยมีภาคประชาสังคมให้คำแนะนำด้านขั้นตอน",
            "significance": "เป็นครั้งแรกที่มีขั้นตอนเป็นลายลักษณ์อักษรฉบับเดียวครอบคลุมทุกหน่วยงานที่พบเด็กผู้ย้ายถิ่น ช่วยปิดช่องว่างที่ทำให้เด็กถูกกักตัว",
            "contribution": "เจ้าหน้าที่จากสามหน่วยงานได้พบกันในการประชุมครั้งแรก ศึกษาการจัดที่พักในชุมชนจากการดูงาน และร่วมกันร่างขั้นตอนการส่งต่อในช่วงระหว่างการประชุม",
        },
        "ind": {
            "title": "Nota kesepahaman antarlembaga untuk menghentikan detensi anak migran di Thailand"
        },
        "ms": {
            "title": "Memorandum antara agensi untuk menghentikan tahanan kanak-kanak migran di Thailand"
        },
    },
    {
        "kind": "national_reform",
        "country": "TH",
        "date": "2021-06-15",
        "verification": "substantiated",
        "frameworks": ["GCM 13", "ASEAN 1"],
        "champions": [("TH", "civil_society", 0)],
        "evidence": [
            ("note", "Shelter referral figures shared by the social development ministry", "")
        ],
        "en": {
            "title": "Screening and referral of children to shelters and community care",
            "what_changed": "Provincial immigration offices began screening children on arrival and referring them within 24 hours to shelters run by the social development ministry or to community foster care.",
            "who_changed": "Provincial immigration offices and provincial social development offices, with two NGOs running community care.",
            "significance": "Children no longer wait in immigration cells while their cases are assessed.",
            "contribution": "The screening form was adapted from tools presented at an online peer exchange; a civil society participant trained the first provincial teams.",
        },
        "th": {
            "title": "การคัดกรองและส่งต่อเด็กไปยังบ้านพักและการดูแลในชุมชน",
            "what_changed": "สำนักงานตรวจคนเข้าเมืองจังหวัดเริ่มคัดกรองเด็กตั้งแต่แรกพบ และส่งต่อภายใน 24 ชั่วโมงไปยังบ้านพักของกระทรวงการพัฒนาสังคมฯ หรือครอบครัวอุปถัมภ์ในชุมชน",
            "who_changed": "สำนักงานตรวจคนเข้าเมืองจังหวัดและสำนักงานพัฒนาสังคมจังหวัด ร่วมกับองค์กรพัฒนาเอกชนสองแห่งที่ดูแลการอุปถัมภ์ในชุมชน",
            "significance": "เด็กไม่ต้องรออยู่ในห้องกักระหว่างการพิจารณากรณีอีกต่อไป",
            "contribution": "แบบคัดกรองปรับมาจากเครื่องมือที่นำเสนอในการแลกเปลี่ยนออนไลน์ และผู้เข้าร่วมจากภาคประชาสังคมเป็นผู้ฝึกอบรมทีมจังหวัดชุดแรก",
        },
        "ind": {
            "title": "Penyaringan dan rujukan anak ke rumah aman dan pengasuhan komunitas di Thailand"
        },
        "ms": {
            "title": "Saringan dan rujukan kanak-kanak ke rumah perlindungan dan penjagaan komuniti di Thailand"
        },
    },
    {
        "kind": "collaboration",
        "country": "TH",
        "date": "2022-08-30",
        "verification": "reported",
        "frameworks": ["GCM 23", "ASEAN 1"],
        "champions": [("TH", "civil_society", 1), ("TH", "government", 1)],
        "evidence": [],
        "en": {
            "title": "Joint case-management working group in Bangkok",
            "what_changed": "Government case workers and NGO social workers now review the cases of migrant families with children together every month.",
            "who_changed": "The Bangkok immigration division, the city's social welfare office and four civil society organisations.",
            "significance": "Civil society is treated as a partner in case decisions, not only as a service provider.",
            "contribution": "The working group's terms of reference were drafted after a convening session on case management in Malaysia and Indonesia.",
        },
        "th": {
            "title": "คณะทำงานร่วมด้านการจัดการรายกรณีในกรุงเทพฯ",
            "what_changed": "เจ้าหน้าที่รัฐและนักสังคมสงเคราะห์ขององค์กรพัฒนาเอกชนร่วมกันทบทวนกรณีของครอบครัวผู้ย้ายถิ่นที่มีเด็กทุกเดือน",
            "who_changed": "กองตรวจคนเข้าเมืองกรุงเทพฯ สำนักงานสวัสดิการสังคมของเมือง และองค์กรภาคประชาสังคมสี่แห่ง",
            "significance": "ภาคประชาสังคมได้รับการยอมรับเป็นหุ้นส่วนในการตัดสินใจรายกรณี ไม่ใช่เพียงผู้ให้บริการ",
            "contribution": "ขอบเขตงานของคณะทำงานร่างขึ้นหลังการประชุมเรื่องการจัดการรายกรณีในมาเลเซียและอินโดนีเซีย",
        },
        "ind": {"title": "Kelompok kerja bersama manajemen kasus di Bangkok"},
        "ms": {"title": "Kumpulan kerja bersama pengurusan kes di Bangkok"},
    },
    {
        "kind": "policy_champion",
        "country": "TH",
        "date": "2023-03-10",
        "verification": "reported",
        "frameworks": ["GCM 13"],
        "champions": [("TH", "government", 2)],
        "evidence": [("note", "Training attendance list kept by the secretariat", "")],
        "en": {
            "title": "Immigration officer trains provincial colleagues in child-sensitive screening",
            "what_changed": "A mid-level immigration officer built a one-day course on child-sensitive screening and has run it in six provinces.",
            "who_changed": "A policy champion from the immigration bureau, with the bureau's training division.",
            "significance": "Front-line officers in border provinces now know how to identify children and refer them out of detention.",
            "contribution": "The officer joined three convenings and adapted materials shared by peers from Indonesia and Australia.",
        },
        "th": {
            "title": "เจ้าหน้าที่ตรวจคนเข้าเมืองฝึกอบรมเพื่อนร่วมงานในจังหวัดเรื่องการคัดกรองที่คำนึงถึงเด็ก",
            "what_changed": "เจ้าหน้าที่ตรวจคนเข้าเมืองระดับกลางจัดทำหลักสูตรหนึ่งวันเรื่องการคัดกรองที่คำนึงถึงเด็ก และจัดอบรมแล้วในหกจังหวัด",
            "who_changed": "ผู้ผลักดันนโยบายจากสำนักงานตรวจคนเข้าเมือง ร่วมกับฝ่ายฝึกอบรมของสำนักงาน",
            "significance": "เจ้าหน้าที่ด่านหน้าในจังหวัดชายแดนรู้วิธีระบุตัวเด็กและส่งต่อออกจากการกักตัว",
            "contribution": "เจ้าหน้าที่ผู้นี้เข้าร่วมการประชุมสามครั้ง และปรับใช้เอกสารที่เพื่อนจากอินโดนีเซียและออสเตรเลียแบ่งปัน",
        },
        "ind": {
            "title": "Petugas imigrasi melatih rekan di provinsi tentang penyaringan ramah anak"
        },
        "ms": {
            "title": "Pegawai imigresen melatih rakan sekerja di wilayah tentang saringan mesra kanak-kanak"
        },
    },
    {
        "kind": "national_reform",
        "country": "TH",
        "date": "2024-05-20",
        "verification": "substantiated",
        "frameworks": ["GCM 13", "ASEAN 4"],
        "champions": [],
        "evidence": [
            (
                "link",
                "Ministry statement on children released to family care",
                "https://example.org/th-release-statement",
            )
        ],
        "en": {
            "title": "Children released from immigration detention to family-based care",
            "what_changed": "The remaining children held with their parents in two detention centres were released with their families to community accommodation under case management.",
            "who_changed": "The immigration bureau and the social development ministry, with civil society providing accommodation and case workers.",
            "significance": "In those centres no child is held in immigration detention any more.",
            "contribution": "Release criteria and case-management arrangements drew directly on the alternatives participants saw on site visits in the region.",
        },
        "th": {
            "title": "เด็กได้รับการปล่อยจากสถานกักตัวไปอยู่ในการดูแลแบบครอบครัว",
            "what_changed": "เด็กที่ยังถูกกักพร้อมพ่อแม่ในสถานกักตัวสองแห่งได้รับการปล่อยตัวพร้อมครอบครัวไปอยู่ที่พักในชุมชนภายใต้การจัดการรายกรณี",
            "who_changed": "สำนักงานตรวจคนเข้าเมืองและกระทรวงการพัฒนาสังคมฯ โดยภาคประชาสังคมจัดหาที่พักและเจ้าหน้าที่ดูแลรายกรณี",
            "significance": "ในสถานกักตัวทั้งสองแห่งไม่มีเด็กถูกกักตัวอีกต่อไป",
            "contribution": "เกณฑ์การปล่อยตัวและการจัดการรายกรณีได้แนวทางโดยตรงจากทางเลือกที่ผู้เข้าร่วมได้เห็นในการดูงานในภูมิภาค",
        },
        "ind": {
            "title": "Anak-anak dibebaskan dari detensi imigrasi ke pengasuhan berbasis keluarga di Thailand"
        },
        "ms": {
            "title": "Kanak-kanak dibebaskan daripada tahanan imigresen ke penjagaan berasaskan keluarga di Thailand"
        },
    },
    {
        "kind": "policy_champion",
        "country": "MY",
        "date": "2020-02-18",
        "verification": "reported",
        "frameworks": ["GCM 13", "ASEAN 4"],
        "champions": [("MY", "government", 0)],
        "evidence": [],
        "en": {
            "title": "Government official makes the case for an ATD pilot for children",
            "what_changed": "A mid-level official in the home ministry wrote and presented a proposal for a pilot that would place unaccompanied children in community care instead of depots.",
            "who_changed": "A policy champion in the home ministry, supported by two civil society partners.",
            "significance": "It was the first internal proposal for an alternative to detention for children to reach senior management.",
            "contribution": "The official used the site visit to a Thai shelter and contacts made at the 2019 convening to build the proposal.",
        },
        "th": {
            "title": "เจ้าหน้าที่รัฐผลักดันโครงการนำร่องทางเลือกแทนการกักตัวเด็ก",
            "what_changed": "เจ้าหน้าที่ระดับกลางของกระทรวงมหาดไทยเขียนและนำเสนอข้อเสนอโครงการนำร่องให้เด็กที่เดินทางลำพังอยู่ในการดูแลของชุมชนแทนศูนย์กักตัว",
            "who_changed": "ผู้ผลักดันนโยบายในกระทรวงมหาดไทย โดยมีหุ้นส่วนภาคประชาสังคมสองแห่งสนับสนุน",
            "significance": "เป็นข้อเสนอภายในฉบับแรกเรื่องทางเลือกแทนการกักตัวเด็กที่ไปถึงผู้บริหารระดับสูง",
            "contribution": "เจ้าหน้าที่ใช้ประสบการณ์จากการดูงานบ้านพักในไทยและเครือข่ายจากการประชุมปี 2019 ในการจัดทำข้อเสนอ",
        },
        "ind": {"title": "Pejabat pemerintah Malaysia mendorong uji coba ATD untuk anak"},
        "ms": {"title": "Pegawai kerajaan memperjuangkan projek rintis ATD untuk kanak-kanak"},
    },
    {
        "kind": "national_reform",
        "country": "MY",
        "date": "2022-10-03",
        "verification": "substantiated",
        "frameworks": ["GCM 13", "ASEAN 4", "ASEAN 5"],
        "champions": [("MY", "government", 0), ("MY", "civil_society", 0)],
        "evidence": [
            ("link", "Pilot launch announcement", "https://example.org/my-atd-pilot"),
            ("note", "Pilot case numbers reported at the 2023 convening", ""),
        ],
        "en": {
            "title": "Community-based alternative to detention piloted for unaccompanied children",
            "what_changed": "A pilot began placing unaccompanied and separated children in community care with case management rather than in immigration depots.",
            "who_changed": "The home ministry and the social welfare department, with civil society organisations delivering care and case management.",
            "significance": "The pilot shows within the national system that children can be kept out of detention safely.",
            "contribution": "Pilot design drew on peer advice from Thai and Indonesian officials; the secretariat linked the team with case-management experts.",
        },
        "th": {
            "title": "โครงการนำร่องทางเลือกในชุมชนแทนการกักตัวสำหรับเด็กที่เดินทางลำพัง",
            "what_changed": "โครงการนำร่องเริ่มจัดให้เด็กที่เดินทางลำพังและเด็กที่พลัดพรากอยู่ในการดูแลของชุมชนพร้อมการจัดการรายกรณี แทนการอยู่ในศูนย์กักตัว",
            "who_changed": "กระทรวงมหาดไทยและกรมสวัสดิการสังคม โดยองค์กรภาคประชาสังคมให้การดูแลและจัดการรายกรณี",
            "significance": "โครงการแสดงให้เห็นภายในระบบของประเทศว่าสามารถดูแลเด็กนอกสถานกักตัวได้อย่างปลอดภัย",
            "contribution": "การออกแบบโครงการได้คำแนะนำจากเจ้าหน้าที่ไทยและอินโดนีเซีย และสำนักเลขาธิการเชื่อมทีมกับผู้เชี่ยวชาญด้านการจัดการรายกรณี",
        },
        "ind": {
            "title": "Uji coba alternatif detensi berbasis komunitas untuk anak tanpa pendamping di Malaysia"
        },
        "ms": {
            "title": "Projek rintis alternatif tahanan berasaskan komuniti untuk kanak-kanak tanpa pengiring"
        },
    },
    {
        "kind": "collaboration",
        "country": "MY",
        "date": "2023-07-12",
        "verification": "reported",
        "frameworks": ["GCM 23"],
        "champions": [("MY", "civil_society", 1)],
        "evidence": [],
        "en": {
            "title": "Civil society joins the pilot's case-management committee",
            "what_changed": "Two civil society organisations were given seats on the committee that decides on placements in the pilot.",
            "who_changed": "The home ministry and the social welfare department, at the request of the pilot team.",
            "significance": "Decisions on individual children now include people who know the communities they will live in.",
            "contribution": "The arrangement followed a convening discussion on how Thai and Australian committees share decisions with civil society.",
        },
        "th": {
            "title": "ภาคประชาสังคมร่วมเป็นกรรมการจัดการรายกรณีของโครงการนำร่อง",
            "what_changed": "องค์กรภาคประชาสังคมสองแห่งได้ที่นั่งในคณะกรรมการที่ตัดสินใจเรื่องการจัดที่พักในโครงการนำร่อง",
            "who_changed": "กระทรวงมหาดไทยและกรมสวัสดิการสังคม ตามคำขอของทีมโครงการนำร่อง",
            "significance": "การตัดสินใจเกี่ยวกับเด็กแต่ละคนมีผู้ที่รู้จักชุมชนที่เด็กจะไปอยู่ร่วมด้วย",
            "contribution": "ข้อตกลงนี้ตามมาจากการหารือในการประชุมเรื่องวิธีที่คณะกรรมการในไทยและออสเตรเลียตัดสินใจร่วมกับภาคประชาสังคม",
        },
        "ind": {
            "title": "Masyarakat sipil bergabung dalam komite manajemen kasus uji coba di Malaysia"
        },
        "ms": {"title": "Masyarakat sivil menyertai jawatankuasa pengurusan kes projek rintis"},
    },
    {
        "kind": "policy_champion",
        "country": "MY",
        "date": "2024-09-05",
        "verification": "reported",
        "frameworks": ["GCM 1", "GCM 13"],
        "champions": [("MY", "government", 1)],
        "evidence": [],
        "en": {
            "title": "Senior officer presents pilot results to the inter-ministerial committee",
            "what_changed": "A senior officer presented two years of pilot data and recommended extending community placement to children with families.",
            "who_changed": "A policy champion in the social welfare department.",
            "significance": "The recommendation moves the discussion from a pilot towards national policy.",
            "contribution": "The officer's data framework was shaped in a peer session on measuring alternatives to detention.",
        },
        "th": {
            "title": "เจ้าหน้าที่อาวุโสนำเสนอผลโครงการนำร่องต่อคณะกรรมการระหว่างกระทรวง",
            "what_changed": "เจ้าหน้าที่อาวุโสนำเสนอข้อมูลสองปีของโครงการนำร่อง และเสนอให้ขยายการจัดที่พักในชุมชนไปยังเด็กที่อยู่กับครอบครัว",
            "who_changed": "ผู้ผลักดันนโยบายในกรมสวัสดิการสังคม",
            "significance": "ข้อเสนอนี้ทำให้การหารือขยับจากโครงการนำร่องสู่นโยบายระดับชาติ",
            "contribution": "กรอบข้อมูลของเจ้าหน้าที่ได้รับการพัฒนาในการประชุมแลกเปลี่ยนเรื่องการวัดผลทางเลือกแทนการกักตัว",
        },
        "ind": {"title": "Pejabat senior memaparkan hasil uji coba kepada komite antarkementerian"},
        "ms": {
            "title": "Pegawai kanan membentangkan hasil projek rintis kepada jawatankuasa antara kementerian"
        },
    },
    {
        "kind": "national_reform",
        "country": "ID",
        "date": "2019-08-14",
        "verification": "substantiated",
        "frameworks": ["GCM 13", "GCM 15"],
        "champions": [("ID", "government", 0)],
        "evidence": [
            (
                "link",
                "Regional regulation on refugee community housing",
                "https://example.org/id-community-housing",
            )
        ],
        "en": {
            "title": "Refugee children placed in community housing instead of detention",
            "what_changed": "Families with children and unaccompanied children were moved from immigration detention houses to community housing run with local government.",
            "who_changed": "The immigration directorate general, two city governments and an international organisation managing the housing.",
            "significance": "Community placement became the normal arrangement for refugee children in those cities.",
            "contribution": "Officials compared placement standards with Thai and Malaysian peers in preparatory calls before the first convening.",
        },
        "th": {
            "title": "เด็กผู้ลี้ภัยได้อยู่ในที่พักชุมชนแทนสถานกักตัว",
            "what_changed": "ครอบครัวที่มีเด็กและเด็กที่เดินทางลำพังถูกย้ายจากสถานกักตัวคนเข้าเมืองไปยังที่พักในชุมชนที่ดำเนินการร่วมกับรัฐบาลท้องถิ่น",
            "who_changed": "กรมตรวจคนเข้าเมือง รัฐบาลเมืองสองแห่ง และองค์การระหว่างประเทศที่บริหารที่พัก",
            "significance": "การจัดที่พักในชุมชนกลายเป็นรูปแบบปกติสำหรับเด็กผู้ลี้ภัยในเมืองเหล่านั้น",
            "contribution": "เจ้าหน้าที่ได้เปรียบเทียบมาตรฐานการจัดที่พักกับเพื่อนจากไทยและมาเลเซียในการประชุมเตรียมการก่อนการประชุมครั้งแรก",
        },
        "ind": {"title": "Anak pengungsi ditempatkan di hunian komunitas, bukan di rumah detensi"},
        "ms": {"title": "Kanak-kanak pelarian ditempatkan di perumahan komuniti, bukan tahanan"},
    },
    {
        "kind": "collaboration",
        "country": "ID",
        "date": "2021-03-22",
        "verification": "substantiated",
        "frameworks": ["ASEAN 1", "GCM 23"],
        "champions": [("ID", "civil_society", 0)],
        "evidence": [
            ("note", "Signed referral protocol held by the city social affairs office", "")
        ],
        "en": {
            "title": "City government and NGOs agree a referral pathway for unaccompanied children",
            "what_changed": "A written protocol now sets out who receives an unaccompanied child, within what time and with which services.",
            "who_changed": "A city social affairs office and five civil society organisations.",
            "significance": "Responsibility for unaccompanied children is clear and shared, so none are left in immigration custody by default.",
            "contribution": "The protocol was drafted after an online peer exchange on referral systems and reviewed by a Thai peer.",
        },
        "th": {
            "title": "รัฐบาลเมืองและองค์กรพัฒนาเอกชนตกลงแนวทางส่งต่อเด็กที่เดินทางลำพัง",
            "what_changed": "มีระเบียบปฏิบัติเป็นลายลักษณ์อักษรกำหนดว่าใครรับดูแลเด็กที่เดินทางลำพัง ภายในเวลาเท่าใด และด้วยบริการใด",
            "who_changed": "สำนักงานกิจการสังคมของเมืองและองค์กรภาคประชาสังคมห้าแห่ง",
            "significance": "ความรับผิดชอบต่อเด็กที่เดินทางลำพังชัดเจนและแบ่งปันกัน จึงไม่มีเด็กถูกทิ้งไว้ในการควบคุมของตรวจคนเข้าเมือง",
            "contribution": "ระเบียบปฏิบัติร่างขึ้นหลังการแลกเปลี่ยนออนไลน์เรื่องระบบการส่งต่อ และได้รับการทบทวนจากเพื่อนชาวไทย",
        },
        "ind": {
            "title": "Pemerintah kota dan LSM menyepakati jalur rujukan bagi anak tanpa pendamping"
        },
        "ms": {
            "title": "Kerajaan bandar dan NGO bersetuju laluan rujukan untuk kanak-kanak tanpa pengiring"
        },
    },
    {
        "kind": "policy_champion",
        "country": "ID",
        "date": "2022-11-09",
        "verification": "reported",
        "frameworks": ["ASEAN 5", "GCM 15"],
        "champions": [("ID", "civil_society", 1)],
        "evidence": [],
        "en": {
            "title": "Civil society leader advises on schooling for refugee children",
            "what_changed": "A civil society leader was invited to advise the education office on admitting refugee children to public schools.",
            "who_changed": "A policy champion from a refugee-led organisation, with the provincial education office.",
            "significance": "Children living in the community can now go to school, which makes community placement last.",
            "contribution": "The leader presented at two convenings and used peers' examples from Malaysia's learning centres.",
        },
        "th": {
            "title": "ผู้นำภาคประชาสังคมให้คำแนะนำเรื่องการศึกษาของเด็กผู้ลี้ภัย",
            "what_changed": "ผู้นำภาคประชาสังคมได้รับเชิญให้คำแนะนำสำนักงานการศึกษาเรื่องการรับเด็กผู้ลี้ภัยเข้าโรงเรียนรัฐ",
            "who_changed": "ผู้ผลักดันนโยบายจากองค์กรที่นำโดยผู้ลี้ภัย ร่วมกับสำนักงานการศึกษาจังหวัด",
            "significance": "เด็กที่อยู่ในชุมชนได้ไปโรงเรียน ซึ่งทำให้การจัดที่พักในชุมชนยั่งยืน",
            "contribution": "ผู้นำคนนี้นำเสนอในการประชุมสองครั้ง และใช้ตัวอย่างศูนย์การเรียนรู้ในมาเลเซียจากเพื่อนผู้เข้าร่วม",
        },
        "ind": {
            "title": "Pemimpin masyarakat sipil memberi masukan tentang sekolah bagi anak pengungsi"
        },
        "ms": {
            "title": "Pemimpin masyarakat sivil menasihati tentang persekolahan kanak-kanak pelarian"
        },
    },
    {
        "kind": "national_reform",
        "country": "ID",
        "date": "2024-02-27",
        "verification": "reported",
        "frameworks": ["GCM 13", "ASEAN 4"],
        "champions": [],
        "evidence": [],
        "en": {
            "title": "Shelters for unaccompanied children extended to two more provinces",
            "what_changed": "Two more provincial governments opened small shelters for unaccompanied children with trained carers.",
            "who_changed": "Provincial social affairs offices, with funding from the national budget.",
            "significance": "More children are received directly into care rather than held while a place is found.",
            "contribution": "Provincial staff visited a shelter during the 2023 convening and copied its staffing model.",
        },
        "th": {
            "title": "ขยายบ้านพักสำหรับเด็กที่เดินทางลำพังไปอีกสองจังหวัด",
            "what_changed": "รัฐบาลจังหวัดอีกสองแห่งเปิดบ้านพักขนาดเล็กสำหรับเด็กที่เดินทางลำพังพร้อมผู้ดูแลที่ผ่านการอบรม",
            "who_changed": "สำนักงานกิจการสังคมจังหวัด ด้วยงบประมาณจากส่วนกลาง",
            "significance": "เด็กจำนวนมากขึ้นได้รับการดูแลโดยตรง แทนการถูกกักระหว่างหาที่พัก",
            "contribution": "เจ้าหน้าที่จังหวัดได้ดูงานบ้านพักในการประชุมปี 2023 และนำรูปแบบการจัดบุคลากรมาใช้",
        },
        "ind": {"title": "Rumah aman bagi anak tanpa pendamping diperluas ke dua provinsi lagi"},
        "ms": {
            "title": "Rumah perlindungan kanak-kanak tanpa pengiring diperluas ke dua lagi wilayah"
        },
    },
    {
        "kind": "collaboration",
        "country": "AU",
        "date": "2020-10-19",
        "verification": "reported",
        "frameworks": ["GCM 23"],
        "champions": [("AU", "civil_society", 0)],
        "evidence": [],
        "en": {
            "title": "Community sector and government share case-management practice",
            "what_changed": "Government and community-sector case managers began joint practice reviews for families living in the community.",
            "who_changed": "The home affairs department's status resolution teams and three community-sector providers.",
            "significance": "Practice improvements are agreed between the people who run the system and those who support families.",
            "contribution": "The review format was borrowed from a session at an online peer exchange.",
        },
        "th": {
            "title": "ภาคชุมชนและรัฐบาลแบ่งปันแนวปฏิบัติการจัดการรายกรณี",
            "what_changed": "ผู้จัดการรายกรณีของรัฐและภาคชุมชนเริ่มทบทวนแนวปฏิบัติร่วมกันสำหรับครอบครัวที่อยู่ในชุมชน",
            "who_changed": "ทีมแก้ไขปัญหาสถานะของกระทรวงมหาดไทยและผู้ให้บริการภาคชุมชนสามแห่ง",
            "significance": "การปรับปรุงแนวปฏิบัติได้รับการตกลงระหว่างผู้บริหารระบบและผู้สนับสนุนครอบครัว",
            "contribution": "รูปแบบการทบทวนนำมาจากการประชุมย่อยในการแลกเปลี่ยนออนไลน์",
        },
        "ind": {
            "title": "Sektor komunitas dan pemerintah berbagi praktik manajemen kasus di Australia"
        },
        "ms": {
            "title": "Sektor komuniti dan kerajaan berkongsi amalan pengurusan kes di Australia"
        },
    },
    {
        "kind": "policy_champion",
        "country": "AU",
        "date": "2023-05-02",
        "verification": "substantiated",
        "frameworks": ["GCM 1", "GCM 13"],
        "champions": [("AU", "academia", 0)],
        "evidence": [
            ("link", "Policy review citing the research", "https://example.org/au-review")
        ],
        "en": {
            "title": "Research on child wellbeing shapes a national policy review",
            "what_changed": "An academic's study of children's wellbeing in community placement was cited in a government review of detention policy.",
            "who_changed": "A university researcher, with the review panel.",
            "significance": "Evidence from the region now informs national decisions about children in immigration processes.",
            "contribution": "The research design was refined with peers from Thailand and Indonesia at two convenings.",
        },
        "th": {
            "title": "งานวิจัยเรื่องสุขภาวะเด็กมีส่วนกำหนดการทบทวนนโยบายระดับชาติ",
            "what_changed": "งานศึกษาของนักวิชาการเรื่องสุขภาวะของเด็กในการจัดที่พักในชุมชนถูกอ้างอิงในการทบทวนนโยบายการกักตัวของรัฐบาล",
            "who_changed": "นักวิจัยมหาวิทยาลัย ร่วมกับคณะทบทวน",
            "significance": "หลักฐานจากภูมิภาคช่วยประกอบการตัดสินใจระดับชาติเกี่ยวกับเด็กในกระบวนการตรวจคนเข้าเมือง",
            "contribution": "การออกแบบงานวิจัยได้รับการปรับปรุงร่วมกับเพื่อนจากไทยและอินโดนีเซียในการประชุมสองครั้ง",
        },
        "ind": {
            "title": "Riset tentang kesejahteraan anak memengaruhi tinjauan kebijakan nasional"
        },
        "ms": {"title": "Kajian kesejahteraan kanak-kanak membentuk semakan dasar nasional"},
    },
    {
        "kind": "collaboration",
        "country": "NZ",
        "date": "2021-09-28",
        "verification": "reported",
        "frameworks": ["GCM 7", "GCM 15"],
        "champions": [("NZ", "lived_experience", 0)],
        "evidence": [],
        "en": {
            "title": "Community leaders co-design support for families awaiting decisions",
            "what_changed": "Refugee-background community leaders and officials co-designed a support package for families waiting for immigration decisions.",
            "who_changed": "The immigration agency and a refugee-background community network.",
            "significance": "People with lived experience shaped the service from the start.",
            "contribution": "The co-design approach was presented at a convening session led by people with lived experience.",
        },
        "th": {
            "title": "ผู้นำชุมชนร่วมออกแบบการสนับสนุนครอบครัวที่รอผลการพิจารณา",
            "what_changed": "ผู้นำชุมชนที่มีพื้นเพเป็นผู้ลี้ภัยและเจ้าหน้าที่รัฐร่วมกันออกแบบชุดการสนับสนุนสำหรับครอบครัวที่รอผลการพิจารณาด้านคนเข้าเมือง",
            "who_changed": "หน่วยงานตรวจคนเข้าเมืองและเครือข่ายชุมชนผู้มีพื้นเพเป็นผู้ลี้ภัย",
            "significance": "ผู้มีประสบการณ์ตรงได้มีส่วนกำหนดบริการตั้งแต่ต้น",
            "contribution": "แนวทางการร่วมออกแบบได้นำเสนอในการประชุมที่นำโดยผู้มีประสบการณ์ตรง",
        },
        "ind": {
            "title": "Pemimpin komunitas ikut merancang dukungan bagi keluarga yang menunggu keputusan"
        },
        "ms": {
            "title": "Pemimpin komuniti bersama mereka bentuk sokongan untuk keluarga yang menunggu keputusan"
        },
    },
    {
        "kind": "policy_champion",
        "country": "NZ",
        "date": "2024-04-16",
        "verification": "reported",
        "frameworks": ["GCM 23"],
        "champions": [("NZ", "government", 0)],
        "evidence": [],
        "en": {
            "title": "Official shares New Zealand's community-based approach with ASEAN peers",
            "what_changed": "A New Zealand official hosted officials from Malaysia and Thailand to show how families are supported in the community.",
            "who_changed": "A policy champion in the immigration agency.",
            "significance": "Peer-to-peer hosting continues outside convenings, at no cost to the platform.",
            "contribution": "The exchange was arranged through contacts made at the 2023 convening.",
        },
        "th": {
            "title": "เจ้าหน้าที่นิวซีแลนด์แบ่งปันแนวทางการดูแลในชุมชนกับเพื่อนในอาเซียน",
            "what_changed": "เจ้าหน้าที่นิวซีแลนด์ต้อนรับเจ้าหน้าที่จากมาเลเซียและไทยเพื่อแสดงวิธีสนับสนุนครอบครัวในชุมชน",
            "who_changed": "ผู้ผลักดันนโยบายในหน่วยงานตรวจคนเข้าเมือง",
            "significance": "การเป็นเจ้าภาพระหว่างเพื่อนดำเนินต่อไปนอกการประชุม โดยไม่มีค่าใช้จ่ายของแพลตฟอร์ม",
            "contribution": "การแลกเปลี่ยนนี้จัดขึ้นผ่านเครือข่ายที่ได้จากการประชุมปี 2023",
        },
        "ind": {
            "title": "Pejabat Selandia Baru berbagi pendekatan berbasis komunitas dengan rekan ASEAN"
        },
        "ms": {
            "title": "Pegawai New Zealand berkongsi pendekatan berasaskan komuniti dengan rakan ASEAN"
        },
    },
    {
        "kind": "regional_cooperation",
        "country": None,
        "date": "2019-12-05",
        "verification": "reported",
        "frameworks": ["GCM 23", "GCM 13"],
        "champions": [],
        "evidence": [],
        "en": {
            "title": "Member governments agree to share ATD practice through the platform",
            "what_changed": "Officials from the five member countries agreed to exchange screening tools, placement standards and case-management guides between convenings.",
            "who_changed": "Government participants from all five member countries.",
            "significance": "Practice moves between countries in months rather than years.",
            "contribution": "The agreement came out of the closing session of the first convening.",
        },
        "th": {
            "title": "รัฐบาลสมาชิกตกลงแบ่งปันแนวปฏิบัติทางเลือกแทนการกักตัวผ่านแพลตฟอร์ม",
            "what_changed": "เจ้าหน้าที่จากห้าประเทศสมาชิกตกลงแลกเปลี่ยนเครื่องมือคัดกรอง มาตรฐานการจัดที่พัก และคู่มือการจัดการรายกรณีระหว่างการประชุม",
            "who_changed": "ผู้เข้าร่วมจากภาครัฐของทั้งห้าประเทศสมาชิก",
            "significance": "แนวปฏิบัติเคลื่อนข้ามประเทศได้ในหลักเดือนแทนหลักปี",
            "contribution": "ข้อตกลงนี้เกิดขึ้นจากการประชุมปิดของการประชุมครั้งแรก",
        },
        "ind": {"title": "Pemerintah anggota sepakat berbagi praktik ATD melalui platform"},
        "ms": {"title": "Kerajaan anggota bersetuju berkongsi amalan ATD melalui platform"},
    },
    {
        "kind": "regional_cooperation",
        "country": None,
        "date": "2022-06-14",
        "verification": "substantiated",
        "frameworks": ["GCM 23", "ASEAN 1"],
        "champions": [("MY", "government", 2), ("TH", "government", 3)],
        "evidence": [("note", "Exchange visit report filed with the secretariat", "")],
        "en": {
            "title": "Malaysian and Thai officials study each other's screening tools",
            "what_changed": "Officials from Malaysia and Thailand held a two-day exchange and each adopted parts of the other's child screening tool.",
            "who_changed": "Immigration and social welfare officials from both countries.",
            "significance": "A bilateral exchange between ASEAN members now happens without outside convening.",
            "contribution": "The secretariat arranged interpretation and the first introductions.",
        },
        "th": {
            "title": "เจ้าหน้าที่มาเลเซียและไทยศึกษาเครื่องมือคัดกรองของกันและกัน",
            "what_changed": "เจ้าหน้าที่จากมาเลเซียและไทยจัดการแลกเปลี่ยนสองวัน และต่างนำบางส่วนของเครื่องมือคัดกรองเด็กของอีกฝ่ายไปใช้",
            "who_changed": "เจ้าหน้าที่ตรวจคนเข้าเมืองและสวัสดิการสังคมจากทั้งสองประเทศ",
            "significance": "การแลกเปลี่ยนทวิภาคีระหว่างสมาชิกอาเซียนเกิดขึ้นได้โดยไม่ต้องมีผู้จัดภายนอก",
            "contribution": "สำนักเลขาธิการจัดล่ามและแนะนำให้รู้จักกันในครั้งแรก",
        },
        "ind": {
            "title": "Pejabat Malaysia dan Thailand mempelajari alat penyaringan satu sama lain"
        },
        "ms": {"title": "Pegawai Malaysia dan Thailand mengkaji alat saringan masing-masing"},
    },
    {
        "kind": "regional_cooperation",
        "country": None,
        "date": "2023-11-23",
        "verification": "substantiated",
        "frameworks": ["ASEAN 4", "ASEAN 1", "GCM 13"],
        "champions": [],
        "evidence": [
            ("link", "Joint statement (published text)", "https://example.org/regional-statement")
        ],
        "en": {
            "title": "Joint statement on implementing the ASEAN Declaration's commitment to alternatives",
            "what_changed": "Participating governments issued a joint statement setting out practical steps to implement the ASEAN Declaration's commitment to end child immigration detention.",
            "who_changed": "Government participants from the ASEAN member countries of the platform, with observers from Australia and New Zealand.",
            "significance": "The statement links national pilots to a shared regional commitment and a timetable.",
            "contribution": "The statement was drafted at the 2023 convening, with civil society comments gathered by the secretariat.",
        },
        "th": {
            "title": "แถลงการณ์ร่วมว่าด้วยการปฏิบัติตามพันธกรณีของปฏิญญาอาเซียนเรื่องทางเลือกแทนการกักตัว",
            "what_changed": "รัฐบาลที่เข้าร่วมออกแถลงการณ์ร่วมกำหนดขั้นตอนปฏิบัติเพื่อให้เป็นไปตามพันธกรณีของปฏิญญาอาเซียนในการยุติการกักตัวเด็ก",
            "who_changed": "ผู้เข้าร่วมจากภาครัฐของประเทศสมาชิกอาเซียนในแพลตฟอร์ม โดยมีผู้สังเกตการณ์จากออสเตรเลียและนิวซีแลนด์",
            "significance": "แถลงการณ์เชื่อมโครงการนำร่องระดับชาติเข้ากับพันธกรณีร่วมระดับภูมิภาคและกรอบเวลา",
            "contribution": "แถลงการณ์ร่างขึ้นในการประชุมปี 2023 โดยสำนักเลขาธิการรวบรวมความเห็นจากภาคประชาสังคม",
        },
        "ind": {
            "title": "Pernyataan bersama tentang pelaksanaan komitmen Deklarasi ASEAN atas alternatif detensi"
        },
        "ms": {
            "title": "Kenyataan bersama tentang pelaksanaan komitmen Deklarasi ASEAN terhadap alternatif"
        },
    },
    {
        "kind": "regional_cooperation",
        "country": None,
        "date": "2024-10-08",
        "verification": "reported",
        "frameworks": ["GCM 23"],
        "champions": [("ID", "government", 1)],
        "evidence": [],
        "en": {
            "title": "Regional practitioner network on case management launched",
            "what_changed": "Case managers from all five countries formed a practitioner network that meets online every quarter.",
            "who_changed": "Government and civil society case managers, with the secretariat hosting the meetings.",
            "significance": "Learning between convenings no longer depends on the secretariat alone.",
            "contribution": "The network grew out of follow-up actions agreed at the 2024 convening.",
        },
        "th": {
            "title": "เปิดตัวเครือข่ายผู้ปฏิบัติงานด้านการจัดการรายกรณีระดับภูมิภาค",
            "what_changed": "ผู้จัดการรายกรณีจากทั้งห้าประเทศรวมตัวเป็นเครือข่ายผู้ปฏิบัติงานที่ประชุมออนไลน์ทุกไตรมาส",
            "who_changed": "ผู้จัดการรายกรณีจากภาครัฐและภาคประชาสังคม โดยสำนักเลขาธิการเป็นเจ้าภาพการประชุม",
            "significance": "การเรียนรู้ระหว่างการประชุมไม่ต้องพึ่งสำนักเลขาธิการเพียงฝ่ายเดียวอีกต่อไป",
            "contribution": "เครือข่ายเกิดจากการติดตามผลที่ตกลงกันในการประชุมปี 2024",
        },
        "ind": {"title": "Jaringan praktisi manajemen kasus tingkat regional diluncurkan"},
        "ms": {"title": "Rangkaian pengamal pengurusan kes serantau dilancarkan"},
    },
]

CHALLENGES = [
    # category, year, {lang: (what happened, response)}
    (
        "contexts",
        2019,
        {
            "en": (
                "Participants arrived with very different starting points: some countries had detained no children for years, others had no alternative in place.",
                "Agendas now open with short country briefings and pair newcomers with experienced peers for the site visits.",
            ),
            "th": (
                "ผู้เข้าร่วมมีจุดเริ่มต้นต่างกันมาก บางประเทศไม่ได้กักตัวเด็กมาหลายปี บางประเทศยังไม่มีทางเลือกใดเลย",
                "วาระการประชุมเริ่มด้วยการสรุปสถานการณ์ของแต่ละประเทศสั้น ๆ และจับคู่ผู้มาใหม่กับผู้มีประสบการณ์ในการดูงาน",
            ),
        },
    ),
    (
        "contexts",
        2022,
        {
            "en": (
                "Sessions pitched at experts lost newer participants, and introductory sessions bored the experts.",
                "Group discussions are now split by expertise level for part of each day, using the expertise recorded in the directory.",
            ),
            "th": (
                "การประชุมที่ออกแบบสำหรับผู้เชี่ยวชาญทำให้ผู้เข้าร่วมใหม่ตามไม่ทัน ส่วนการประชุมเบื้องต้นก็ไม่ตอบโจทย์ผู้เชี่ยวชาญ",
                "ปัจจุบันแบ่งกลุ่มอภิปรายตามระดับความเชี่ยวชาญในบางช่วงของแต่ละวัน โดยใช้ข้อมูลความเชี่ยวชาญในทะเบียนผู้เข้าร่วม",
            ),
        },
    ),
    (
        "between_meetings",
        2020,
        {
            "en": (
                "With travel stopped, contact between participants dropped sharply between the first and second convenings.",
                "Short online peer exchanges with interpretation were introduced, and action points are now followed up automatically.",
            ),
            "th": (
                "เมื่อการเดินทางหยุดชะงัก การติดต่อระหว่างผู้เข้าร่วมลดลงมากในช่วงระหว่างการประชุมครั้งแรกและครั้งที่สอง",
                "มีการจัดการแลกเปลี่ยนออนไลน์สั้น ๆ พร้อมล่าม และติดตามข้อตกลงโดยอัตโนมัติ",
            ),
        },
    ),
    (
        "between_meetings",
        2023,
        {
            "en": (
                "Follow-up actions agreed at convenings were often forgotten once participants were back at work.",
                "Each action now has an owner and a due date, with reminders before it is due.",
            ),
            "th": (
                "ข้อตกลงที่ได้จากการประชุมมักถูกลืมเมื่อผู้เข้าร่วมกลับไปทำงาน",
                "ปัจจุบันทุกข้อตกลงมีผู้รับผิดชอบและกำหนดเวลา พร้อมการแจ้งเตือนก่อนถึงกำหนด",
            ),
        },
    ),
    (
        "resources",
        2021,
        {
            "en": (
                "Interpretation into three languages took a large share of each convening's budget.",
                "Interpretation is planned from participants' replies, so only the languages actually needed are booked.",
            ),
            "th": (
                "ค่าล่ามสามภาษาเป็นสัดส่วนใหญ่ของงบประมาณแต่ละการประชุม",
                "วางแผนล่ามจากคำตอบของผู้เข้าร่วม จึงจองเฉพาะภาษาที่จำเป็นจริง",
            ),
        },
    ),
    (
        "resources",
        2024,
        {
            "en": (
                "Funding is secured one year at a time, which makes it hard to plan convenings and keep the secretariat staffed.",
                "Costs per convening and per participant are now reported to funders each year to support multi-year funding.",
            ),
            "th": (
                "ได้รับเงินทุนทีละปี ทำให้วางแผนการประชุมและรักษาบุคลากรของสำนักเลขาธิการได้ยาก",
                "ปัจจุบันรายงานต้นทุนต่อการประชุมและต่อผู้เข้าร่วมแก่ผู้ให้ทุนทุกปี เพื่อสนับสนุนการให้ทุนหลายปี",
            ),
        },
    ),
    (
        "lived_experience",
        2021,
        {
            "en": (
                "People with lived experience were invited to speak but had little say in how sessions were designed.",
                "Lived-experience participants now co-design their sessions and are paid for their time.",
            ),
            "th": (
                "ผู้มีประสบการณ์ตรงได้รับเชิญให้พูด แต่มีส่วนในการออกแบบการประชุมน้อย",
                "ปัจจุบันผู้มีประสบการณ์ตรงร่วมออกแบบการประชุมของตน และได้รับค่าตอบแทน",
            ),
        },
    ),
    (
        "lived_experience",
        2024,
        {
            "en": (
                "Some participants with lived experience worried that being identified could affect their immigration cases.",
                "They may take part under a pseudonym or stay hidden from other participants, and are never named in reports without consent.",
            ),
            "th": (
                "ผู้มีประสบการณ์ตรงบางคนกังวลว่าการถูกระบุตัวอาจกระทบต่อกรณีด้านคนเข้าเมืองของตน",
                "สามารถเข้าร่วมด้วยนามแฝงหรือไม่แสดงตัวต่อผู้เข้าร่วมอื่น และจะไม่ถูกระบุชื่อในรายงานหากไม่ยินยอม",
            ),
        },
    ),
    (
        "other",
        2022,
        {
            "en": (
                "Staff turnover in ministries meant some champions moved to posts unrelated to migration.",
                "Each country now has at least two participants from the same agency, so knowledge stays when one moves on.",
            ),
            "th": (
                "การโยกย้ายบุคลากรในกระทรวงทำให้ผู้ผลักดันบางคนย้ายไปตำแหน่งที่ไม่เกี่ยวกับการย้ายถิ่น",
                "ปัจจุบันแต่ละประเทศมีผู้เข้าร่วมจากหน่วยงานเดียวกันอย่างน้อยสองคน เพื่อให้ความรู้คงอยู่เมื่อมีคนย้าย",
            ),
        },
    ),
]

# Bahasa Indonesia and Malay bodies, in the order of OUTCOMES:
# (what changed, who changed it, significance, the platform's contribution).
BODIES = {
    "ind": [
        (
            "Tujuh lembaga Thailand menyepakati prosedur bersama agar anak tanpa status imigrasi disaring dan dirujuk ke rumah aman atau pengasuhan keluarga, bukan ke pusat detensi imigrasi.",
            "Biro imigrasi, kementerian pembangunan sosial, dan lima lembaga mitra, dengan masukan masyarakat sipil.",
            "Untuk pertama kalinya satu prosedur tertulis berlaku bagi semua lembaga yang menangani anak migran.",
            "Pejabat dari tiga lembaga bertemu pada pertemuan pertama, melihat penempatan komunitas saat kunjungan lapangan, dan menyusun langkah rujukan bersama.",
        ),
        (
            "Kantor imigrasi provinsi mulai menyaring anak sejak kedatangan dan merujuk mereka dalam 24 jam ke rumah aman atau pengasuhan komunitas.",
            "Kantor imigrasi dan kantor pembangunan sosial provinsi, bersama dua LSM.",
            "Anak tidak lagi menunggu di sel imigrasi selama kasusnya dinilai.",
            "Formulir penyaringan diadaptasi dari alat yang dipaparkan dalam pertukaran daring; seorang peserta masyarakat sipil melatih tim pertama.",
        ),
        (
            "Petugas kasus pemerintah dan pekerja sosial LSM kini meninjau kasus keluarga migran dengan anak bersama-sama setiap bulan.",
            "Divisi imigrasi Bangkok, kantor kesejahteraan sosial kota, dan empat organisasi masyarakat sipil.",
            "Masyarakat sipil diperlakukan sebagai mitra dalam keputusan kasus.",
            "Kerangka acuan kelompok kerja disusun setelah sesi tentang manajemen kasus di Malaysia dan Indonesia.",
        ),
        (
            "Seorang petugas imigrasi tingkat menengah menyusun kursus satu hari tentang penyaringan ramah anak dan telah menyelenggarakannya di enam provinsi.",
            "Seorang penggerak kebijakan dari biro imigrasi, bersama divisi pelatihannya.",
            "Petugas garis depan di provinsi perbatasan kini tahu cara mengenali anak dan merujuknya keluar dari detensi.",
            "Petugas ini mengikuti tiga pertemuan dan mengadaptasi bahan dari rekan Indonesia dan Australia.",
        ),
        (
            "Anak-anak terakhir yang ditahan bersama orang tuanya di dua pusat detensi dibebaskan bersama keluarganya ke hunian komunitas dengan manajemen kasus.",
            "Biro imigrasi dan kementerian pembangunan sosial, dengan masyarakat sipil menyediakan hunian.",
            "Di kedua pusat itu tidak ada lagi anak yang ditahan.",
            "Kriteria pembebasan dan manajemen kasus mengacu pada alternatif yang dilihat peserta dalam kunjungan lapangan.",
        ),
        (
            "Seorang pejabat kementerian dalam negeri menulis dan memaparkan usulan uji coba penempatan anak tanpa pendamping di pengasuhan komunitas.",
            "Seorang penggerak kebijakan di kementerian dalam negeri, didukung dua mitra masyarakat sipil.",
            "Ini usulan internal pertama tentang alternatif detensi anak yang sampai ke pimpinan.",
            "Pejabat ini memakai pengalaman kunjungan ke rumah aman di Thailand dan jejaring dari pertemuan 2019.",
        ),
        (
            "Uji coba mulai menempatkan anak tanpa pendamping dan terpisah di pengasuhan komunitas dengan manajemen kasus, bukan di depot imigrasi.",
            "Kementerian dalam negeri dan departemen kesejahteraan sosial, dengan organisasi masyarakat sipil sebagai pelaksana.",
            "Uji coba ini membuktikan dalam sistem nasional bahwa anak dapat tetap di luar detensi dengan aman.",
            "Rancangan uji coba memakai saran rekan dari Thailand dan Indonesia; sekretariat menghubungkan tim dengan ahli manajemen kasus.",
        ),
        (
            "Dua organisasi masyarakat sipil mendapat kursi di komite yang memutuskan penempatan dalam uji coba.",
            "Kementerian dalam negeri dan departemen kesejahteraan sosial, atas permintaan tim uji coba.",
            "Keputusan tentang setiap anak kini melibatkan orang yang mengenal komunitas tempat anak akan tinggal.",
            "Pengaturan ini menyusul diskusi tentang cara komite di Thailand dan Australia berbagi keputusan dengan masyarakat sipil.",
        ),
        (
            "Seorang pejabat senior memaparkan data dua tahun uji coba dan merekomendasikan perluasan penempatan komunitas bagi anak bersama keluarganya.",
            "Seorang penggerak kebijakan di departemen kesejahteraan sosial.",
            "Rekomendasi ini menggeser pembahasan dari uji coba menuju kebijakan nasional.",
            "Kerangka datanya dibentuk dalam sesi tentang cara mengukur alternatif detensi.",
        ),
        (
            "Keluarga dengan anak dan anak tanpa pendamping dipindahkan dari rumah detensi imigrasi ke hunian komunitas bersama pemerintah daerah.",
            "Direktorat jenderal imigrasi, dua pemerintah kota, dan organisasi internasional pengelola hunian.",
            "Penempatan komunitas menjadi pengaturan baku bagi anak pengungsi di kota-kota tersebut.",
            "Para pejabat membandingkan standar penempatan dengan rekan Thailand dan Malaysia sebelum pertemuan pertama.",
        ),
        (
            "Protokol tertulis kini menetapkan siapa yang menerima anak tanpa pendamping, dalam berapa lama, dan dengan layanan apa.",
            "Dinas sosial kota dan lima organisasi masyarakat sipil.",
            "Tanggung jawab atas anak tanpa pendamping jelas dan dibagi, sehingga tidak ada yang tertinggal di tahanan imigrasi.",
            "Protokol disusun setelah pertukaran daring tentang sistem rujukan dan ditinjau oleh rekan dari Thailand.",
        ),
        (
            "Seorang pemimpin masyarakat sipil diundang memberi masukan kepada dinas pendidikan tentang penerimaan anak pengungsi di sekolah negeri.",
            "Seorang penggerak kebijakan dari organisasi yang dipimpin pengungsi, bersama dinas pendidikan provinsi.",
            "Anak yang tinggal di komunitas kini bisa bersekolah, sehingga penempatan komunitas bertahan.",
            "Ia memaparkan di dua pertemuan dan memakai contoh pusat belajar di Malaysia dari rekan peserta.",
        ),
        (
            "Dua pemerintah provinsi lagi membuka rumah aman kecil bagi anak tanpa pendamping dengan pengasuh terlatih.",
            "Dinas sosial provinsi, dengan dana anggaran nasional.",
            "Lebih banyak anak langsung diterima dalam pengasuhan, bukan ditahan sambil menunggu tempat.",
            "Staf provinsi mengunjungi sebuah rumah aman saat pertemuan 2023 dan meniru model stafnya.",
        ),
        (
            "Pengelola kasus pemerintah dan sektor komunitas mulai meninjau praktik bersama bagi keluarga yang tinggal di komunitas.",
            "Tim penyelesaian status kementerian dalam negeri dan tiga penyedia layanan komunitas.",
            "Perbaikan praktik disepakati bersama antara pengelola sistem dan pendamping keluarga.",
            "Format tinjauan dipinjam dari sesi dalam pertukaran daring.",
        ),
        (
            "Studi seorang akademisi tentang kesejahteraan anak dalam penempatan komunitas dikutip dalam tinjauan kebijakan detensi pemerintah.",
            "Seorang peneliti universitas, bersama panel peninjau.",
            "Bukti dari kawasan kini menjadi dasar keputusan nasional tentang anak dalam proses imigrasi.",
            "Desain penelitian disempurnakan bersama rekan dari Thailand dan Indonesia di dua pertemuan.",
        ),
        (
            "Pemimpin komunitas berlatar pengungsi dan pejabat merancang bersama paket dukungan bagi keluarga yang menunggu keputusan imigrasi.",
            "Lembaga imigrasi dan jaringan komunitas berlatar pengungsi.",
            "Orang dengan pengalaman langsung membentuk layanan sejak awal.",
            "Pendekatan rancang-bersama dipaparkan dalam sesi yang dipimpin orang dengan pengalaman langsung.",
        ),
        (
            "Seorang pejabat Selandia Baru menjamu pejabat Malaysia dan Thailand untuk menunjukkan cara keluarga didukung di komunitas.",
            "Seorang penggerak kebijakan di lembaga imigrasi.",
            "Kunjungan antarrekan berlanjut di luar pertemuan tanpa biaya bagi platform.",
            "Pertukaran ini diatur melalui jejaring dari pertemuan 2023.",
        ),
        (
            "Pejabat dari lima negara anggota sepakat bertukar alat penyaringan, standar penempatan, dan panduan manajemen kasus di antara pertemuan.",
            "Peserta pemerintah dari kelima negara anggota.",
            "Praktik berpindah antarnegara dalam hitungan bulan, bukan tahun.",
            "Kesepakatan lahir dari sesi penutup pertemuan pertama.",
        ),
        (
            "Pejabat Malaysia dan Thailand mengadakan pertukaran dua hari dan masing-masing mengadopsi bagian dari alat penyaringan anak milik yang lain.",
            "Pejabat imigrasi dan kesejahteraan sosial dari kedua negara.",
            "Pertukaran bilateral antaranggota ASEAN kini berjalan tanpa penyelenggara luar.",
            "Sekretariat menyediakan juru bahasa dan perkenalan awal.",
        ),
        (
            "Pemerintah peserta menerbitkan pernyataan bersama berisi langkah praktis melaksanakan komitmen Deklarasi ASEAN untuk mengakhiri detensi imigrasi anak.",
            "Peserta pemerintah dari negara anggota ASEAN di platform, dengan pengamat dari Australia dan Selandia Baru.",
            "Pernyataan ini mengaitkan uji coba nasional dengan komitmen regional bersama dan jadwalnya.",
            "Pernyataan disusun pada pertemuan 2023, dengan masukan masyarakat sipil yang dihimpun sekretariat.",
        ),
        (
            "Pengelola kasus dari lima negara membentuk jaringan praktisi yang bertemu daring setiap triwulan.",
            "Pengelola kasus pemerintah dan masyarakat sipil, dengan sekretariat sebagai tuan rumah.",
            "Pembelajaran di antara pertemuan tidak lagi hanya bergantung pada sekretariat.",
            "Jaringan ini tumbuh dari tindak lanjut yang disepakati pada pertemuan 2024.",
        ),
    ],
    "ms": [
        (
            "Tujuh agensi Thailand bersetuju dengan prosedur bersama supaya kanak-kanak tanpa status imigresen disaring dan dirujuk ke rumah perlindungan atau penjagaan keluarga, bukan ke pusat tahanan imigresen.",
            "Biro imigresen, kementerian pembangunan sosial dan lima agensi rakan, dengan nasihat masyarakat sivil.",
            "Buat pertama kali satu prosedur bertulis meliputi semua agensi yang berurusan dengan kanak-kanak migran.",
            "Pegawai dari tiga agensi bertemu pada pertemuan pertama, melihat penempatan komuniti semasa lawatan tapak dan menggubal langkah rujukan bersama.",
        ),
        (
            "Pejabat imigresen wilayah mula menyaring kanak-kanak semasa ketibaan dan merujuk mereka dalam 24 jam ke rumah perlindungan atau penjagaan komuniti.",
            "Pejabat imigresen dan pejabat pembangunan sosial wilayah, bersama dua NGO.",
            "Kanak-kanak tidak lagi menunggu dalam sel imigresen semasa kes mereka dinilai.",
            "Borang saringan disesuaikan daripada alat yang dibentangkan dalam pertukaran dalam talian; seorang peserta masyarakat sivil melatih pasukan pertama.",
        ),
        (
            "Pegawai kes kerajaan dan pekerja sosial NGO kini menyemak kes keluarga migran yang mempunyai anak bersama-sama setiap bulan.",
            "Bahagian imigresen Bangkok, pejabat kebajikan sosial bandar dan empat organisasi masyarakat sivil.",
            "Masyarakat sivil dilayan sebagai rakan kongsi dalam keputusan kes.",
            "Terma rujukan kumpulan kerja digubal selepas sesi mengenai pengurusan kes di Malaysia dan Indonesia.",
        ),
        (
            "Seorang pegawai imigresen peringkat pertengahan menyediakan kursus sehari tentang saringan mesra kanak-kanak dan telah mengendalikannya di enam wilayah.",
            "Seorang pejuang dasar dari biro imigresen, bersama bahagian latihannya.",
            "Pegawai barisan hadapan di wilayah sempadan kini tahu cara mengenal pasti kanak-kanak dan merujuk mereka keluar dari tahanan.",
            "Pegawai ini menyertai tiga pertemuan dan menyesuaikan bahan daripada rakan dari Indonesia dan Australia.",
        ),
        (
            "Kanak-kanak terakhir yang ditahan bersama ibu bapa di dua pusat tahanan dibebaskan bersama keluarga ke penginapan komuniti dengan pengurusan kes.",
            "Biro imigresen dan kementerian pembangunan sosial, dengan masyarakat sivil menyediakan penginapan.",
            "Di kedua-dua pusat itu tiada lagi kanak-kanak ditahan.",
            "Kriteria pembebasan dan pengurusan kes berpandukan alternatif yang dilihat peserta semasa lawatan tapak.",
        ),
        (
            "Seorang pegawai kementerian dalam negeri menulis dan membentangkan cadangan projek rintis untuk menempatkan kanak-kanak tanpa pengiring dalam penjagaan komuniti.",
            "Seorang pejuang dasar di kementerian dalam negeri, disokong dua rakan masyarakat sivil.",
            "Ini cadangan dalaman pertama tentang alternatif tahanan kanak-kanak yang sampai kepada pengurusan kanan.",
            "Pegawai ini menggunakan pengalaman lawatan ke rumah perlindungan di Thailand dan hubungan dari pertemuan 2019.",
        ),
        (
            "Projek rintis mula menempatkan kanak-kanak tanpa pengiring dan terpisah dalam penjagaan komuniti dengan pengurusan kes, bukan di depot imigresen.",
            "Kementerian dalam negeri dan jabatan kebajikan masyarakat, dengan organisasi masyarakat sivil sebagai pelaksana.",
            "Projek ini membuktikan dalam sistem nasional bahawa kanak-kanak boleh kekal di luar tahanan dengan selamat.",
            "Reka bentuk projek menggunakan nasihat rakan dari Thailand dan Indonesia; sekretariat menghubungkan pasukan dengan pakar pengurusan kes.",
        ),
        (
            "Dua organisasi masyarakat sivil diberi kerusi dalam jawatankuasa yang memutuskan penempatan dalam projek rintis.",
            "Kementerian dalam negeri dan jabatan kebajikan masyarakat, atas permintaan pasukan projek.",
            "Keputusan tentang setiap kanak-kanak kini melibatkan orang yang mengenali komuniti tempat mereka akan tinggal.",
            "Susunan ini menyusul perbincangan tentang cara jawatankuasa di Thailand dan Australia berkongsi keputusan dengan masyarakat sivil.",
        ),
        (
            "Seorang pegawai kanan membentangkan data dua tahun projek rintis dan mengesyorkan perluasan penempatan komuniti kepada kanak-kanak bersama keluarga.",
            "Seorang pejuang dasar di jabatan kebajikan masyarakat.",
            "Syor ini mengalihkan perbincangan daripada projek rintis ke arah dasar nasional.",
            "Kerangka datanya dibentuk dalam sesi tentang cara mengukur alternatif kepada tahanan.",
        ),
        (
            "Keluarga yang mempunyai anak dan kanak-kanak tanpa pengiring dipindahkan dari rumah tahanan imigresen ke perumahan komuniti bersama kerajaan tempatan.",
            "Direktorat jeneral imigresen, dua kerajaan bandar dan organisasi antarabangsa yang mengurus perumahan.",
            "Penempatan komuniti menjadi susunan biasa bagi kanak-kanak pelarian di bandar-bandar itu.",
            "Para pegawai membandingkan piawaian penempatan dengan rakan dari Thailand dan Malaysia sebelum pertemuan pertama.",
        ),
        (
            "Protokol bertulis kini menetapkan siapa yang menerima kanak-kanak tanpa pengiring, dalam tempoh berapa lama dan dengan perkhidmatan apa.",
            "Pejabat hal ehwal sosial bandar dan lima organisasi masyarakat sivil.",
            "Tanggungjawab terhadap kanak-kanak tanpa pengiring jelas dan dikongsi, jadi tiada yang ditinggalkan dalam tahanan imigresen.",
            "Protokol digubal selepas pertukaran dalam talian tentang sistem rujukan dan disemak oleh rakan dari Thailand.",
        ),
        (
            "Seorang pemimpin masyarakat sivil dijemput menasihati pejabat pendidikan tentang kemasukan kanak-kanak pelarian ke sekolah kerajaan.",
            "Seorang pejuang dasar dari organisasi yang dipimpin pelarian, bersama pejabat pendidikan wilayah.",
            "Kanak-kanak yang tinggal dalam komuniti kini boleh bersekolah, menjadikan penempatan komuniti berkekalan.",
            "Beliau membentang di dua pertemuan dan menggunakan contoh pusat pembelajaran di Malaysia daripada rakan peserta.",
        ),
        (
            "Dua lagi kerajaan wilayah membuka rumah perlindungan kecil untuk kanak-kanak tanpa pengiring dengan penjaga terlatih.",
            "Pejabat hal ehwal sosial wilayah, dengan dana belanjawan nasional.",
            "Lebih ramai kanak-kanak diterima terus ke dalam penjagaan, bukan ditahan sementara menunggu tempat.",
            "Kakitangan wilayah melawat sebuah rumah perlindungan semasa pertemuan 2023 dan meniru model kakitangannya.",
        ),
        (
            "Pengurus kes kerajaan dan sektor komuniti mula menyemak amalan bersama bagi keluarga yang tinggal dalam komuniti.",
            "Pasukan penyelesaian status kementerian dalam negeri dan tiga penyedia perkhidmatan komuniti.",
            "Penambahbaikan amalan dipersetujui antara pengurus sistem dan penyokong keluarga.",
            "Format semakan dipinjam daripada sesi dalam pertukaran dalam talian.",
        ),
        (
            "Kajian seorang ahli akademik tentang kesejahteraan kanak-kanak dalam penempatan komuniti dipetik dalam semakan dasar tahanan kerajaan.",
            "Seorang penyelidik universiti, bersama panel semakan.",
            "Bukti dari rantau ini kini menjadi asas keputusan nasional tentang kanak-kanak dalam proses imigresen.",
            "Reka bentuk kajian diperhalusi bersama rakan dari Thailand dan Indonesia di dua pertemuan.",
        ),
        (
            "Pemimpin komuniti berlatarbelakang pelarian dan pegawai bersama-sama mereka bentuk pakej sokongan untuk keluarga yang menunggu keputusan imigresen.",
            "Agensi imigresen dan rangkaian komuniti berlatarbelakang pelarian.",
            "Mereka yang berpengalaman langsung membentuk perkhidmatan sejak awal.",
            "Pendekatan reka bentuk bersama dibentangkan dalam sesi yang dipimpin oleh mereka yang berpengalaman langsung.",
        ),
        (
            "Seorang pegawai New Zealand menerima kunjungan pegawai Malaysia dan Thailand untuk menunjukkan cara keluarga disokong dalam komuniti.",
            "Seorang pejuang dasar di agensi imigresen.",
            "Lawatan antara rakan berterusan di luar pertemuan tanpa kos kepada platform.",
            "Pertukaran ini diatur melalui hubungan dari pertemuan 2023.",
        ),
        (
            "Pegawai dari lima negara anggota bersetuju bertukar alat saringan, piawaian penempatan dan panduan pengurusan kes antara pertemuan.",
            "Peserta kerajaan dari kelima-lima negara anggota.",
            "Amalan berpindah antara negara dalam beberapa bulan, bukan bertahun-tahun.",
            "Persetujuan ini lahir daripada sesi penutup pertemuan pertama.",
        ),
        (
            "Pegawai Malaysia dan Thailand mengadakan pertukaran dua hari dan masing-masing menggunakan sebahagian alat saringan kanak-kanak pihak yang lain.",
            "Pegawai imigresen dan kebajikan sosial dari kedua-dua negara.",
            "Pertukaran dua hala antara anggota ASEAN kini berlaku tanpa penganjur luar.",
            "Sekretariat menyediakan jurubahasa dan perkenalan awal.",
        ),
        (
            "Kerajaan peserta mengeluarkan kenyataan bersama yang menetapkan langkah praktikal melaksanakan komitmen Deklarasi ASEAN untuk menamatkan tahanan imigresen kanak-kanak.",
            "Peserta kerajaan dari negara anggota ASEAN dalam platform, dengan pemerhati dari Australia dan New Zealand.",
            "Kenyataan ini mengaitkan projek rintis nasional dengan komitmen serantau bersama dan jadualnya.",
            "Kenyataan digubal pada pertemuan 2023, dengan pandangan masyarakat sivil yang dikumpul oleh sekretariat.",
        ),
        (
            "Pengurus kes dari lima negara membentuk rangkaian pengamal yang bertemu dalam talian setiap suku tahun.",
            "Pengurus kes kerajaan dan masyarakat sivil, dengan sekretariat sebagai tuan rumah.",
            "Pembelajaran antara pertemuan tidak lagi bergantung kepada sekretariat semata-mata.",
            "Rangkaian ini berkembang daripada tindakan susulan yang dipersetujui pada pertemuan 2024.",
        ),
    ],
}
for _lang, _rows in BODIES.items():
    for _spec, (_what, _who, _significance, _contribution) in zip(OUTCOMES, _rows, strict=True):
        _spec[_lang].update(
            what_changed=_what,
            who_changed=_who,
            significance=_significance,
            contribution=_contribution,
        )

CHALLENGE_TEXTS = {
    # Bahasa Indonesia and Malay, in the order of CHALLENGES: (what happened, response).
    "ind": [
        (
            "Peserta datang dengan titik awal yang sangat berbeda: ada negara yang bertahun-tahun tidak menahan anak, ada yang belum punya alternatif.",
            "Agenda kini dibuka dengan ringkasan singkat tiap negara, dan peserta baru dipasangkan dengan rekan berpengalaman saat kunjungan lapangan.",
        ),
        (
            "Sesi untuk para ahli membuat peserta baru tertinggal, sedangkan sesi pengantar membosankan para ahli.",
            "Diskusi kelompok kini dibagi menurut tingkat keahlian pada sebagian hari, berdasarkan data keahlian di direktori.",
        ),
        (
            "Saat perjalanan terhenti, kontak antarpeserta menurun tajam di antara pertemuan pertama dan kedua.",
            "Pertukaran daring singkat dengan juru bahasa diperkenalkan, dan tindak lanjut kini dipantau otomatis.",
        ),
        (
            "Tindak lanjut yang disepakati dalam pertemuan sering terlupakan setelah peserta kembali bekerja.",
            "Setiap tindak lanjut kini punya penanggung jawab dan tenggat, dengan pengingat sebelum jatuh tempo.",
        ),
        (
            "Penerjemahan ke tiga bahasa menghabiskan porsi besar anggaran setiap pertemuan.",
            "Penerjemahan direncanakan dari jawaban peserta, sehingga hanya bahasa yang benar-benar dibutuhkan yang dipesan.",
        ),
        (
            "Pendanaan diperoleh per tahun sehingga sulit merencanakan pertemuan dan mempertahankan staf sekretariat.",
            "Biaya per pertemuan dan per peserta kini dilaporkan kepada donor setiap tahun untuk mendukung pendanaan multi-tahun.",
        ),
        (
            "Orang dengan pengalaman langsung diundang berbicara tetapi hanya sedikit berperan dalam merancang sesi.",
            "Peserta dengan pengalaman langsung kini ikut merancang sesinya dan dibayar atas waktunya.",
        ),
        (
            "Sebagian peserta dengan pengalaman langsung khawatir identitasnya dapat memengaruhi kasus imigrasi mereka.",
            "Mereka dapat ikut dengan nama samaran atau tersembunyi dari peserta lain, dan tidak pernah disebut namanya dalam laporan tanpa persetujuan.",
        ),
        (
            "Mutasi pegawai di kementerian membuat sebagian penggerak pindah ke jabatan yang tidak terkait migrasi.",
            "Setiap negara kini memiliki sedikitnya dua peserta dari lembaga yang sama agar pengetahuan tetap tinggal.",
        ),
    ],
    "ms": [
        (
            "Peserta datang dengan titik permulaan yang sangat berbeza: ada negara yang bertahun-tahun tidak menahan kanak-kanak, ada yang belum mempunyai alternatif.",
            "Agenda kini dimulakan dengan taklimat ringkas setiap negara, dan peserta baharu dipadankan dengan rakan berpengalaman semasa lawatan tapak.",
        ),
        (
            "Sesi untuk pakar menyebabkan peserta baharu ketinggalan, manakala sesi pengenalan membosankan para pakar.",
            "Perbincangan kumpulan kini dibahagikan mengikut tahap kepakaran bagi sebahagian hari, berdasarkan maklumat kepakaran dalam direktori.",
        ),
        (
            "Apabila perjalanan terhenti, hubungan antara peserta merosot dengan ketara antara pertemuan pertama dan kedua.",
            "Pertukaran ringkas dalam talian dengan jurubahasa diperkenalkan, dan tindakan susulan kini dipantau secara automatik.",
        ),
        (
            "Tindakan susulan yang dipersetujui dalam pertemuan sering dilupakan apabila peserta kembali bekerja.",
            "Setiap tindakan kini mempunyai pemilik dan tarikh akhir, dengan peringatan sebelum tamat tempoh.",
        ),
        (
            "Jurubahasa untuk tiga bahasa menggunakan sebahagian besar belanjawan setiap pertemuan.",
            "Jurubahasa dirancang berdasarkan jawapan peserta, jadi hanya bahasa yang benar-benar diperlukan ditempah.",
        ),
        (
            "Pembiayaan diperoleh setahun demi setahun, menyukarkan perancangan pertemuan dan pengekalan kakitangan sekretariat.",
            "Kos setiap pertemuan dan setiap peserta kini dilaporkan kepada penderma setiap tahun untuk menyokong pembiayaan berbilang tahun.",
        ),
        (
            "Mereka yang berpengalaman langsung dijemput bercakap tetapi kurang berperanan dalam mereka bentuk sesi.",
            "Peserta berpengalaman langsung kini bersama-sama mereka bentuk sesi mereka dan dibayar untuk masa mereka.",
        ),
        (
            "Sesetengah peserta berpengalaman langsung bimbang dikenal pasti boleh menjejaskan kes imigresen mereka.",
            "Mereka boleh menyertai dengan nama samaran atau tersembunyi daripada peserta lain, dan tidak pernah dinamakan dalam laporan tanpa persetujuan.",
        ),
        (
            "Pertukaran kakitangan di kementerian menyebabkan sesetengah pejuang perubahan berpindah ke jawatan yang tidak berkaitan migrasi.",
            "Setiap negara kini mempunyai sekurang-kurangnya dua peserta dari agensi yang sama supaya pengetahuan kekal.",
        ),
    ],
}
for _lang, _rows in CHALLENGE_TEXTS.items():
    for (_category, _year, _texts), _pair in zip(CHALLENGES, _rows, strict=True):
        _texts[_lang] = _pair

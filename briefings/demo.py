"""Demo briefings: platform-wide ones and one per existing convening, in four languages.

Runs after participants.demo and convenings.demo and only reads their convenings. Some
translations are left out on purpose so the English fallback and its notice show. Held
convenings get a pack that was delivered (a few deliveries failed, to show the retry).
Deterministic and idempotent: briefings are found again by English title and convening.
"""

from __future__ import annotations

import datetime as dt
import random

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from accounts.models import User
from common.translation import localized
from convenings.models import Convening, ConveningStatus

from .models import (
    Briefing,
    BriefingPack,
    BriefingStatus,
    DeliveryStatus,
    PackDelivery,
)
from .pdf import render_pdf
from .selectors import pack_recipients
from .services import upload_briefing_file

# Each entry: {language: (title, summary, body)}; a missing language is a missing translation.
PLATFORM_BRIEFINGS = [
    {
        "en": (
            "Case management for children in immigration processes",
            "How a named case worker keeps a child and family connected to services, "
            "informed about their case and out of detention.",
            "Case management gives each child or family one trained worker who stays with "
            "them from the first contact until their immigration matter is resolved.\n\n"
            "The worker explains the process in a language the family understands, links "
            "them to housing, schooling and health care, and helps them keep appointments "
            "with the authorities. Compliance stays high because people understand what is "
            "expected and trust that they are heard.\n\n"
            "Questions for discussion: who employs case workers in your country, how many "
            "families can one worker support, and how is information shared with the "
            "immigration authority without breaching confidentiality?",
        ),
        "id": (
            "Manajemen kasus bagi anak dalam proses keimigrasian",
            "Bagaimana seorang pendamping kasus menjaga anak dan keluarga tetap terhubung "
            "dengan layanan, memahami kasusnya, dan tidak ditahan.",
            "Manajemen kasus memberikan satu pendamping terlatih bagi setiap anak atau "
            "keluarga, sejak kontak pertama hingga urusan keimigrasiannya selesai.\n\n"
            "Pendamping menjelaskan prosesnya dalam bahasa yang dipahami keluarga, "
            "menghubungkan mereka dengan perumahan, sekolah, dan layanan kesehatan, serta "
            "membantu mereka memenuhi jadwal dengan pihak berwenang. Tingkat kepatuhan "
            "tetap tinggi karena orang memahami apa yang diharapkan dan merasa didengar.\n\n"
            "Pertanyaan diskusi: siapa yang mempekerjakan pendamping kasus di negara Anda, "
            "berapa keluarga yang dapat didampingi satu orang, dan bagaimana informasi "
            "dibagikan kepada otoritas imigrasi tanpa melanggar kerahasiaan?",
        ),
        "ms": (
            "Pengurusan kes bagi kanak-kanak dalam proses imigresen",
            "Bagaimana seorang pegawai kes memastikan kanak-kanak dan keluarga kekal "
            "berhubung dengan perkhidmatan, memahami kes mereka dan tidak ditahan.",
            "Pengurusan kes menyediakan seorang pegawai terlatih bagi setiap kanak-kanak "
            "atau keluarga, dari pertemuan pertama sehingga urusan imigresen mereka selesai."
            "\n\nPegawai kes menerangkan proses dalam bahasa yang difahami keluarga, "
            "menghubungkan mereka dengan perumahan, persekolahan dan penjagaan kesihatan, "
            "serta membantu mereka hadir ke temu janji dengan pihak berkuasa. Kadar "
            "pematuhan kekal tinggi kerana mereka faham apa yang diharapkan.\n\n"
            "Soalan perbincangan: siapakah yang menggaji pegawai kes di negara anda, berapa "
            "banyak keluarga yang boleh dibantu oleh seorang pegawai, dan bagaimana maklumat "
            "dikongsi dengan pihak imigresen tanpa melanggar kerahsiaan?",
        ),
        "th": (
            "การจัดการรายกรณีสำหรับเด็กในกระบวนการตรวจคนเข้าเมือง",
            "เจ้าหน้าที่ดูแลรายกรณีช่วยให้เด็กและครอบครัวเข้าถึงบริการ เข้าใจคดีของตน และไม่ต้องถูกกักตัวได้อย่างไร",
            "การจัดการรายกรณีจัดให้เด็กหรือครอบครัวแต่ละรายมีเจ้าหน้าที่ที่ผ่านการอบรมหนึ่งคน "
            "ดูแลตั้งแต่การพบกันครั้งแรกจนกว่าเรื่องการเข้าเมืองจะได้ข้อยุติ\n\n"
            "เจ้าหน้าที่อธิบายขั้นตอนเป็นภาษาที่ครอบครัวเข้าใจ ประสานเรื่องที่พัก การศึกษา "
            "และบริการสุขภาพ และช่วยให้ไปตามนัดหมายกับเจ้าหน้าที่รัฐ "
            "อัตราการปฏิบัติตามเงื่อนไขจึงสูง เพราะผู้คนเข้าใจสิ่งที่ต้องทำและรู้สึกว่ามีคนรับฟัง\n\n"
            "คำถามเพื่อการอภิปราย: ในประเทศของคุณใครเป็นผู้จ้างเจ้าหน้าที่ดูแลรายกรณี "
            "เจ้าหน้าที่หนึ่งคนดูแลได้กี่ครอบครัว และจะแบ่งปันข้อมูลกับหน่วยงานตรวจคนเข้าเมือง"
            "โดยไม่ละเมิดความลับได้อย่างไร",
        ),
    },
    {
        "en": (
            "Screening and referral: the first 72 hours",
            "Identifying children and vulnerable adults at first contact and referring "
            "them to the right service before any decision on detention.",
            "The first days after a child comes to the attention of the authorities decide "
            "much of what follows. A short screening interview identifies age, family links, "
            "health needs and protection risks.\n\n"
            "Screening works when officers have a simple form, a list of services to refer "
            "to, and a clear rule that children are never placed in immigration detention "
            "while their situation is assessed. Age disputes are resolved in favour of the "
            "person until a proper assessment is made.\n\n"
            "Bring to the convening one example of a referral that worked well and one that "
            "did not.",
        ),
        "id": (
            "Penyaringan dan rujukan: 72 jam pertama",
            "Mengenali anak dan orang dewasa rentan sejak kontak pertama dan merujuk mereka "
            "ke layanan yang tepat sebelum ada keputusan tentang penahanan.",
            "Hari-hari pertama setelah seorang anak diketahui oleh pihak berwenang sangat "
            "menentukan langkah berikutnya. Wawancara penyaringan singkat mengenali usia, "
            "hubungan keluarga, kebutuhan kesehatan, dan risiko perlindungan.\n\n"
            "Penyaringan berhasil bila petugas memiliki formulir sederhana, daftar layanan "
            "rujukan, dan aturan yang jelas bahwa anak tidak pernah ditempatkan di tahanan "
            "imigrasi selama situasinya dinilai.\n\n"
            "Bawalah ke pertemuan satu contoh rujukan yang berhasil dan satu yang tidak.",
        ),
        "th": (
            "การคัดกรองและการส่งต่อ: 72 ชั่วโมงแรก",
            "การระบุตัวเด็กและผู้ใหญ่ที่เปราะบางตั้งแต่การพบครั้งแรก "
            "และส่งต่อไปยังบริการที่เหมาะสมก่อนมีการตัดสินใจเรื่องการกักตัว",
            "ช่วงไม่กี่วันแรกหลังจากเจ้าหน้าที่พบเด็กเป็นตัวกำหนดสิ่งที่จะตามมาอย่างมาก "
            "การสัมภาษณ์คัดกรองสั้น ๆ ช่วยระบุอายุ ความสัมพันธ์ในครอบครัว ความต้องการด้านสุขภาพ "
            "และความเสี่ยงด้านการคุ้มครอง\n\n"
            "การคัดกรองได้ผลเมื่อเจ้าหน้าที่มีแบบฟอร์มที่ใช้ง่าย มีรายชื่อบริการสำหรับส่งต่อ "
            "และมีหลักที่ชัดเจนว่าจะไม่กักตัวเด็กในระหว่างการประเมิน\n\n"
            "โปรดนำตัวอย่างการส่งต่อที่ได้ผลดีหนึ่งกรณีและที่ไม่ได้ผลหนึ่งกรณีมาร่วมแลกเปลี่ยน",
        ),
    },
    {
        "en": (
            "Best interests assessment: a practical guide",
            "Who carries out a best interests assessment, when, and how its findings shape "
            "decisions about a child's care and immigration case.",
            "A best interests assessment looks at the whole child: safety, family, health, "
            "education, identity and the child's own views, given weight according to age "
            "and maturity.\n\n"
            "It is carried out by someone independent of the immigration decision, usually a "
            "child protection worker, and it is recorded so later decisions can refer to it. "
            "Where the assessment finds that a child should stay with a parent, the family "
            "is kept together in the community rather than in detention.\n\n"
            "This guide sets out a five-step process that participants have adapted in "
            "their own systems.",
        ),
        "ms": (
            "Penilaian kepentingan terbaik: panduan praktikal",
            "Siapa yang menjalankan penilaian kepentingan terbaik, bila, dan bagaimana "
            "dapatannya mempengaruhi keputusan tentang penjagaan dan kes imigresen kanak-kanak.",
            "Penilaian kepentingan terbaik melihat kanak-kanak secara menyeluruh: "
            "keselamatan, keluarga, kesihatan, pendidikan, identiti dan pandangan "
            "kanak-kanak itu sendiri mengikut umur dan kematangannya.\n\n"
            "Penilaian dijalankan oleh pihak yang bebas daripada keputusan imigresen, "
            "biasanya pegawai perlindungan kanak-kanak, dan direkodkan supaya keputusan "
            "kemudian boleh merujuk kepadanya.\n\n"
            "Panduan ini menerangkan proses lima langkah yang telah disesuaikan oleh peserta "
            "dalam sistem mereka sendiri.",
        ),
    },
]
DRAFT_BRIEFING = {
    "en": (
        "Community placement: hosting standards",
        "Draft standards for families and organisations hosting children in the community.",
        "To be completed with the working group before the next convening.",
    )
}

CONVENING_BRIEFING = {
    "en": (
        "Programme and site visit notes: {title}",
        "What to expect at {title}: the sessions, the community placement programme we "
        "will visit and the questions we will work on together.",
        "This convening follows the platform's usual rhythm: presentations from the host "
        "country in the morning, group discussions in the afternoon and informal time in "
        "the evening. Interpretation is available in the languages participants asked for."
        "\n\nThe site visit takes us to a community placement programme where children "
        "and families live in ordinary housing with case management support instead of "
        "detention. Please respect the privacy of the families we meet: no photographs, "
        "and nothing that could identify them in notes.\n\n"
        "The meeting is held under the Chatham House Rule.",
    ),
    "id": (
        "Catatan program dan kunjungan lapangan: {title}",
        "Yang dapat diharapkan di {title}: sesi-sesinya, program penempatan berbasis "
        "komunitas yang akan kita kunjungi, dan pertanyaan yang akan kita bahas bersama.",
        "Pertemuan ini mengikuti pola yang biasa: presentasi dari negara tuan rumah pada "
        "pagi hari, diskusi kelompok pada sore hari, dan waktu informal pada malam hari. "
        "Juru bahasa tersedia dalam bahasa yang diminta peserta.\n\n"
        "Kunjungan lapangan membawa kita ke program penempatan berbasis komunitas, tempat "
        "anak dan keluarga tinggal di rumah biasa dengan dukungan manajemen kasus, bukan di "
        "tahanan. Hormatilah privasi keluarga yang kita temui: tanpa foto dan tanpa catatan "
        "yang dapat mengenali mereka.\n\n"
        "Pertemuan ini berlangsung dengan Aturan Chatham House.",
    ),
    "ms": (
        "Nota program dan lawatan tapak: {title}",
        "Apa yang boleh dijangka di {title}: sesi-sesinya, program penempatan komuniti yang "
        "akan kita lawati dan persoalan yang akan kita bincangkan bersama.",
        "Mesyuarat ini mengikut rentak biasa: pembentangan daripada negara tuan rumah pada "
        "waktu pagi, perbincangan kumpulan pada waktu petang dan masa tidak formal pada "
        "waktu malam. Jurubahasa disediakan dalam bahasa yang diminta peserta.\n\n"
        "Lawatan tapak membawa kita ke program penempatan komuniti, di mana kanak-kanak dan "
        "keluarga tinggal di rumah biasa dengan sokongan pengurusan kes dan bukan di pusat "
        "tahanan. Hormati privasi keluarga yang kita temui: tiada gambar dan tiada catatan "
        "yang boleh mengenal pasti mereka.\n\n"
        "Mesyuarat ini diadakan di bawah Peraturan Chatham House.",
    ),
    "th": (
        "กำหนดการและข้อมูลการศึกษาดูงาน: {title}",
        "สิ่งที่จะได้พบใน {title}: ช่วงต่าง ๆ ของการประชุม โครงการดูแลในชุมชนที่จะไปศึกษาดูงาน "
        "และประเด็นที่เราจะร่วมกันหารือ",
        "การประชุมครั้งนี้เป็นไปตามรูปแบบเดิม คือการนำเสนอจากประเทศเจ้าภาพในช่วงเช้า "
        "การอภิปรายกลุ่มในช่วงบ่าย และเวลาพูดคุยอย่างไม่เป็นทางการในช่วงค่ำ "
        "มีล่ามแปลในภาษาที่ผู้เข้าร่วมขอไว้\n\n"
        "การศึกษาดูงานจะพาเราไปยังโครงการดูแลในชุมชน ซึ่งเด็กและครอบครัวอาศัยอยู่ในบ้านทั่วไป"
        "โดยมีเจ้าหน้าที่ดูแลรายกรณีให้การสนับสนุนแทนการกักตัว โปรดเคารพความเป็นส่วนตัว"
        "ของครอบครัวที่เราพบ ห้ามถ่ายภาพ และห้ามจดบันทึกสิ่งที่อาจระบุตัวตนของพวกเขาได้\n\n"
        "การประชุมนี้ใช้กฎแชทัมเฮาส์",
    ),
}
LANGUAGES = ("en", "id", "ms", "th")


def _content(versions: dict, **fmt) -> dict[str, str]:
    data = {}
    for language, (title, summary, body) in versions.items():
        data[localized("title", language)] = title.format(**fmt)
        data[localized("summary", language)] = summary.format(**fmt)
        data[localized("body", language)] = body.format(**fmt)
    return data


def _briefing(*, data: dict, convening, published_at, author, status) -> tuple[Briefing, bool]:
    existing = Briefing.objects.filter(title_en=data["title_en"], convening=convening).first()
    if existing:
        return existing, False
    briefing = Briefing(
        convening=convening,
        author=author,
        status=status,
        version=1 if status == BriefingStatus.PUBLISHED else 0,
        published_at=published_at if status == BriefingStatus.PUBLISHED else None,
    )
    for name, value in data.items():
        setattr(briefing, name, value)
    briefing.save()
    return briefing, True


def _attach_demo_pdf(briefing: Briefing, language: str, author) -> None:
    """An 'uploaded' PDF for one language, rendered once so the download button shows."""

    if briefing.files.filter(language=language).exists():
        return
    data = render_pdf(briefing=briefing, language=language)
    upload_briefing_file(
        briefing=briefing,
        language=language,
        upload=SimpleUploadedFile(f"briefing-{language}.pdf", data, "application/pdf"),
        by=author,
    )


def _delivered_pack(convening: Convening, briefings: list[Briefing], author, rng) -> bool:
    if convening.packs.exists():
        return False
    pack = BriefingPack.objects.create(convening=convening, created_by=author)
    pack.briefings.set(briefings)
    sent_at = timezone.make_aware(
        dt.datetime.combine(convening.start_date - dt.timedelta(days=14), dt.time(9, 0))
    )
    BriefingPack.objects.filter(pk=pack.pk).update(created_at=sent_at, last_sent_at=sent_at)
    rows = []
    for participant in pack_recipients(convening=convening).order_by("pk"):
        failed = rng.random() < 0.04
        rows.append(
            PackDelivery(
                pack=pack,
                participant=participant,
                language=participant.preferred_language or "en",
                status=DeliveryStatus.FAILED if failed else DeliveryStatus.SENT,
                attempts=6 if failed else 1,
                sent_at=None if failed else sent_at,
                last_error="SMTPRecipientsRefused: 550 mailbox unavailable" if failed else "",
                message_id="" if failed else f"<briefing-pack-{pack.pk}.{participant.pk}@demo>",
            )
        )
    PackDelivery.objects.bulk_create(rows)
    return True


def seed(*, scale: int = 1, stdout=None) -> None:
    rng = random.Random(4)
    author = User.objects.filter(email="staff@demo.example").first()
    created = packs = 0
    platform = []
    for index, versions in enumerate(PLATFORM_BRIEFINGS):
        published = timezone.make_aware(dt.datetime(2021 + index, 3, 1, 9, 0))
        briefing, new = _briefing(
            data=_content(versions),
            convening=None,
            published_at=published,
            author=author,
            status=BriefingStatus.PUBLISHED,
        )
        created += new
        platform.append(briefing)
    _attach_demo_pdf(platform[0], "id", author)
    created += _briefing(
        data=_content(DRAFT_BRIEFING),
        convening=None,
        published_at=None,
        author=author,
        status=BriefingStatus.DRAFT,
    )[1]

    for index, convening in enumerate(Convening.objects.order_by("start_date", "pk")):
        versions = dict(CONVENING_BRIEFING)
        if index % 3 == 2:
            versions.pop("th")  # left untranslated: Thai readers see English and a notice
        if index % 4 == 3:
            versions.pop("ms")
        data = {}
        for language, (title, summary, body) in versions.items():
            name = getattr(convening, localized("title", language), "") or convening.title_en
            data.update(_content({language: (title, summary, body)}, title=name))
        published = timezone.make_aware(
            dt.datetime.combine(convening.start_date - dt.timedelta(days=21), dt.time(9, 0))
        )
        briefing, new = _briefing(
            data=data,
            convening=convening,
            published_at=published,
            author=author,
            status=BriefingStatus.PUBLISHED,
        )
        created += new
        if convening.status == ConveningStatus.HELD:
            packs += _delivered_pack(convening, [briefing, platform[0]], author, rng)
    if stdout is not None:
        stdout.write(f"briefings: {created} briefings and {packs} delivered packs created")

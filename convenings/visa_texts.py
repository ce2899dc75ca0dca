"""The visa letter's first text in each language, written once into the database.

Staff edit it afterwards on /staff/visa-letter-text/ (`VisaLetterTemplate`); the migration
that created the table copies these in, and `selectors.visa.letter_template` falls back to
them if the row is missing. The placeholders are those of `convenings.visa.PLACEHOLDERS`.
"""

from __future__ import annotations

DEFAULT_BODIES = {
    "en": """Subject: Letter of invitation, {convening_title}

To the Embassy or Consulate concerned,

We are pleased to confirm that {passport_name}, a national of {nationality}, holder of passport number {passport_number} valid until {passport_expiry}, is invited to take part in "{convening_title}", a convening of the Regional Peer Learning Platform on Alternatives to the Detention of Children in the Asia Pacific, to be held at {venue} on {dates}.

The platform is co-convened by the International Detention Coalition (IDC) and the Asia Dialogue on Forced Migration (ADFM) Secretariat. It brings together government officials, civil society leaders, academics, international organisations and people with lived experience to learn from each other about alternatives to the immigration detention of children.

{costs}

We kindly ask you to grant {passport_name} the visa needed to attend. Please do not hesitate to contact us if you need any further information.

Yours faithfully,

{signatory_name}
{signatory_title}""",
    "id": """Perihal: Surat undangan, {convening_title}

Kepada Yth. Kedutaan Besar atau Konsulat terkait,

Dengan hormat, kami menyampaikan bahwa {passport_name}, warga negara {nationality}, pemegang paspor nomor {passport_number} yang berlaku hingga {passport_expiry}, diundang untuk mengikuti "{convening_title}", pertemuan Platform Pembelajaran Sejawat Regional tentang Alternatif Penahanan Anak di Asia Pasifik, yang akan diselenggarakan di {venue} pada {dates}.

Platform ini diselenggarakan bersama oleh International Detention Coalition (IDC) dan Sekretariat Asia Dialogue on Forced Migration (ADFM). Platform ini mempertemukan pejabat pemerintah, pemimpin masyarakat sipil, akademisi, organisasi internasional, dan orang-orang yang pernah mengalami penahanan untuk saling belajar tentang alternatif penahanan imigrasi bagi anak.

{costs}

Kami mohon kiranya {passport_name} dapat diberikan visa yang diperlukan untuk hadir. Jangan ragu untuk menghubungi kami apabila diperlukan informasi lebih lanjut.

Hormat kami,

{signatory_name}
{signatory_title}""",
    "ms": """Perkara: Surat jemputan, {convening_title}

Kepada Kedutaan atau Konsulat yang berkenaan,

Dengan hormatnya, kami mengesahkan bahawa {passport_name}, warganegara {nationality}, pemegang pasport bernombor {passport_number} yang sah sehingga {passport_expiry}, dijemput untuk menyertai "{convening_title}", satu pertemuan Platform Pembelajaran Rakan Setara Serantau mengenai Alternatif kepada Penahanan Kanak-kanak di Asia Pasifik, yang akan diadakan di {venue} pada {dates}.

Platform ini dianjurkan bersama oleh International Detention Coalition (IDC) dan Sekretariat Asia Dialogue on Forced Migration (ADFM). Platform ini menghimpunkan pegawai kerajaan, pemimpin masyarakat sivil, ahli akademik, organisasi antarabangsa dan individu yang mempunyai pengalaman hidup untuk belajar antara satu sama lain tentang alternatif kepada penahanan imigresen kanak-kanak.

{costs}

Kami memohon jasa baik pihak tuan/puan untuk memberikan visa yang diperlukan kepada {passport_name} bagi menghadiri pertemuan ini. Sila hubungi kami sekiranya maklumat lanjut diperlukan.

Yang benar,

{signatory_name}
{signatory_title}""",
    "th": """เรื่อง หนังสือเชิญเข้าร่วมการประชุม, {convening_title}

เรียน สถานเอกอัครราชทูตหรือสถานกงสุลที่เกี่ยวข้อง

ขอรับรองว่า {passport_name} สัญชาติ{nationality} ผู้ถือหนังสือเดินทางเลขที่ {passport_number} ซึ่งมีอายุถึงวันที่ {passport_expiry} ได้รับเชิญให้เข้าร่วม "{convening_title}" ซึ่งเป็นการประชุมของเวทีการเรียนรู้ร่วมกันระดับภูมิภาคว่าด้วยทางเลือกแทนการกักตัวเด็กในภูมิภาคเอเชียแปซิฟิก จัดขึ้น ณ {venue} ในวันที่ {dates}

เวทีนี้จัดร่วมกันโดย International Detention Coalition (IDC) และสำนักเลขาธิการ Asia Dialogue on Forced Migration (ADFM) โดยรวบรวมเจ้าหน้าที่ภาครัฐ ผู้นำภาคประชาสังคม นักวิชาการ องค์การระหว่างประเทศ และผู้มีประสบการณ์ตรง เพื่อเรียนรู้ร่วมกันเรื่องทางเลือกแทนการกักตัวเด็กในสถานกักตัวคนต่างด้าว

{costs}

จึงเรียนมาเพื่อโปรดพิจารณาออกวีซ่าที่จำเป็นให้แก่ {passport_name} เพื่อเดินทางมาเข้าร่วมการประชุม หากต้องการข้อมูลเพิ่มเติม โปรดติดต่อเราได้ทุกเมื่อ

ขอแสดงความนับถือ

{signatory_name}
{signatory_title}""",
}

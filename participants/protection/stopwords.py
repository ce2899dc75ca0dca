"""Common words that are never flagged on their own by the Chatham House checker
(engagement.checker) or the protection's name search (`normalising.common_words`).

A one-word name or a part of a name that is also an everyday word ("Hope", "Grace",
"Putri", "Ministry") would stop almost every note, so such a word is checked only as
part of the whole name. Lower-case and without accents, as `checker.normalise` makes
them. English, Bahasa Indonesia and Malay; Thai name parts are matched only when at
least four letters long and rarely collide with everyday words.
"""

_ENGLISH = """
about above across after again against agreed also always among another answer around
because been before being below between both bring build came cannot case change
children child come could country countries court data day days detention did does
done down during each early end enough even every example family first follow found
four from full further gave general give given going good great group had has have
having help here high hold home hope how however idea into issue issues just keep kind
know land last later learn learned learning least less like line little live lived
long look made make many matter may meet meeting member might more most much must
name national need needs never next note notes number office once only open order
other others over own part people person place plan point policy practice programme
program public rather really region regional report right rights role rule said same
says second see seen session share shared should show side since small some something
state states still such support sure take team than that their them then there these
they thing things think this those though three through time today together took
towards under until upon very want well went were what when where which while white
who whole why will with within without word work worked working world would year
years young your
participant participants organisation organization ministry department office centre
center network community government university institute foundation council commission
agency service services immigration migration migrant migrants refugee refugees asylum
human rights alternative alternatives officer director deputy senior adviser advisor
manager coordinator head chief minister secretary general officer lead leader
programme project unit division bureau authority association coalition alliance
dialogue forum secretariat the and for mr mrs ms dr prof professor sir madam hon
grace faith joy charity patience mercy april june july august rose lily iris ivy dawn
summer autumn mark bill frank rich sandy sunny amber ruby pearl crystal destiny harmony
melody victory justice honor honour noble king prince major brown green gray grey
wood hill field stone page rain star sky river sea hope chance will may
"""

_INDONESIAN_MALAY = """
ada adalah agar akan anak anak-anak atau bagi bahwa baik bersama dalam dan dari dengan
di hak ini itu juga kami kita ke kepada lagi lain masih mereka negara oleh pada para
perlu saat sama satu secara sebagai sedang sehingga selama sudah tahun telah tentang
tersebut untuk yang bapak ibu encik puan tuan datuk dato haji hajah bin binti
kementerian jabatan pejabat pusat lembaga badan dinas direktorat pegawai pengarah
timbalan ketua menteri setiausaha pertubuhan persatuan yayasan universitas universiti
putri puteri dewi indah sari bunga cahaya rahmat budi harapan intan mutiara bintang
embun fajar pelangi
"""

COMMON_WORDS: frozenset[str] = frozenset((_ENGLISH + _INDONESIAN_MALAY).split())

using System.Globalization;

namespace Khidma.Bench;

// The words of generated subjects and messages. A real help desk's index holds tens of thousands of terms:
// a few very common words, many rare ones (names, products, places, order and model numbers). With a few
// dozen words the benchmark's index had 254 terms with gigantic doclists, nothing like production. Built
// deterministically from real Arabic, English and French customer-service words, their inflections (ال، و،
// ب، بال، وال، لل; ات; possessive ها، ي، كم), product and model names, places and people's names, and drawn
// with a Zipf-like frequency (rank r has weight 1 / (r + 1)), so common words stay common.
public static partial class DataGenerator
{
    // Most frequent first: these open the ranking (function words and the benchmark's search words).
    private static readonly string[] CommonWords =
    [
        "في", "من", "على", "إلى", "عن", "مع", "أن", "لم", "تم", "هذا", "هذه", "التي", "الذي", "منذ", "بعد", "قبل", "حتى", "لكن", "أو", "ثم",
        "الطلب", "الفاتورة", "الخدمة", "مشكلة", "الحساب", "البطاقة", "استفسار", "الموظف", "الفرع", "الموعد", "المبلغ", "الرد", "السلام", "عليكم",
        "أرجو", "شكراً", "لكم", "رقم", "يوم", "أسبوع", "الصيانة", "العميل", "please", "help", "merci", "invoice", "٣٤٥٦", "2024",
    ];

    // Nouns that take the article, conjunction and preposition prefixes and possessive suffixes.
    private static readonly string[] Nouns =
    [
        "فاتورة", "خدمة", "بطاقة", "حساب", "طلب", "موعد", "فرع", "موظف", "مبلغ", "رسوم", "عقد", "اشتراك", "باقة", "شبكة", "جهاز", "هاتف",
        "رسالة", "مكالمة", "شكوى", "استرداد", "تحويل", "دفعة", "قسط", "خصم", "عرض", "سعر", "تكلفة", "ضمان", "صيانة", "توصيل", "شحنة", "طرد",
        "عنوان", "مدينة", "حي", "شارع", "منزل", "مكتب", "متجر", "موقع", "تطبيق", "كلمة", "مرور", "رمز", "تحقق", "هوية", "إقامة", "جواز",
        "وثيقة", "مستند", "صورة", "نسخة", "توقيع", "تاريخ", "وقت", "ساعة", "دقيقة", "شهر", "سنة", "مدة", "فترة", "مهلة", "تأخير", "انتظار",
        "زيارة", "فني", "مهندس", "مشرف", "مدير", "قسم", "إدارة", "مركز", "اتصال", "دعم", "مساعدة", "استفسار", "ملاحظة", "تقييم", "رضا", "جودة",
        "إنترنت", "سرعة", "انقطاع", "عطل", "خلل", "تعطل", "إصلاح", "استبدال", "تركيب", "تفعيل", "إلغاء", "تجديد", "ترقية", "تعديل", "تحديث", "بيانات",
        "معلومات", "رصيد", "سداد", "إيصال", "مرجع", "كشف", "بنك", "صراف", "محفظة", "نقاط", "مكافأة", "هدية", "قسيمة", "كوبون", "طلبية", "منتج",
        "قطعة", "غيار", "ثلاجة", "غسالة", "مكيف", "تلفاز", "شاشة", "حاسوب", "طابعة", "راوتر", "شاحن", "سماعة", "كاميرا", "بطارية", "كابل", "مفتاح",
        "سيارة", "تأمين", "حادث", "مطالبة", "تعويض", "وثيقة", "قسط", "مستشفى", "عيادة", "موعد", "تحليل", "نتيجة", "وصفة", "دواء", "صيدلية", "تقرير",
        "مدرسة", "رسوم", "تسجيل", "قبول", "منحة", "شهادة", "دورة", "محاضرة", "رحلة", "حجز", "تذكرة", "مقعد", "فندق", "غرفة", "أمتعة", "حقيبة",
        "كهرباء", "ماء", "عداد", "قراءة", "استهلاك", "غاز", "فاتورة", "إشعار", "تنبيه", "بريد", "رابط", "صفحة", "حسابات", "لوحة", "نظام", "خطأ",
        "سياسة", "شروط", "لائحة", "قرار", "موافقة", "رفض", "اعتراض", "متابعة", "تصعيد", "أولوية", "حالة", "مرحلة", "إجراء", "خطوة", "نموذج", "ملف",
    ];

    // Verbs and other words used as they are, with only the conjunction و.
    private static readonly string[] Verbs =
    [
        "أرغب", "أريد", "أحتاج", "أطلب", "أرجو", "نرجو", "أود", "حاولت", "اتصلت", "راجعت", "زرت", "دفعت", "سددت", "استلمت", "أرسلت", "وصلني", "وصلت",
        "تأخر", "تعطل", "توقف", "انقطع", "فقدت", "نسيت", "تغير", "تم", "يتم", "لم", "ما", "زال", "يعمل", "تعمل", "أستطيع", "يمكن", "يمكنكم",
        "ساعدوني", "أفيدوني", "وضحوا", "أكدوا", "أبلغوني", "تواصلوا", "انتظرت", "طلبت", "قدمت", "سجلت", "فتحت", "أغلقت", "ألغيت", "جددت", "غيرت", "عدلت",
        "ظهرت", "يظهر", "تظهر", "خصم", "خصمت", "أضيف", "أضيفت", "حول", "حولت", "رفض", "رفضت", "قبل", "وافق", "يرجى", "نأمل", "نعتذر", "نشكركم",
        "عاجل", "جديد", "قديم", "خاطئ", "صحيح", "مكرر", "إضافي", "شهري", "سنوي", "يومي", "كامل", "جزئي", "متأخر", "مستعجل", "مهم", "ضروري",
        "اليوم", "أمس", "غداً", "الآن", "صباحاً", "مساءً", "مرة", "مرتين", "ثلاث", "مرات", "كل", "بعض", "جميع", "أي", "غير", "دون",
    ];

    private static readonly string[] EnglishWords =
    [
        "the", "my", "is", "not", "was", "and", "for", "with", "order", "account", "card", "payment", "refund", "delivery", "late", "broken",
        "replace", "cancel", "renew", "upgrade", "charge", "charged", "twice", "wrong", "address", "password", "reset", "login", "error", "app",
        "website", "branch", "appointment", "technician", "visit", "warranty", "receipt", "statement", "balance", "transfer", "subscription",
        "package", "internet", "slow", "outage", "router", "phone", "screen", "battery", "charger", "invoice", "invoices", "complaint", "manager",
        "urgent", "thanks", "thank", "you", "regards", "still", "waiting", "since", "week", "weeks", "days", "today", "yesterday", "again",
    ];

    private static readonly string[] FrenchWords =
    [
        "bonjour", "merci", "le", "la", "les", "mon", "ma", "mes", "est", "pas", "commande", "compte", "carte", "paiement", "remboursement",
        "livraison", "retard", "facture", "factures", "contrat", "abonnement", "annuler", "résilier", "adresse", "rendez-vous", "technicien",
        "garantie", "réclamation", "urgent", "toujours", "attente", "depuis", "semaine", "hier", "aujourd'hui", "cordialement", "problème",
    ];

    private static readonly string[] Places =
    [
        "الرياض", "جدة", "مكة", "المدينة", "الدمام", "الخبر", "الظهران", "الطائف", "تبوك", "أبها", "خميس", "مشيط", "بريدة", "عنيزة", "حائل", "جازان",
        "نجران", "الباحة", "الجوف", "سكاكا", "عرعر", "القطيف", "الجبيل", "ينبع", "الأحساء", "الهفوف", "دبي", "أبوظبي", "الشارقة", "الكويت", "الدوحة",
        "المنامة", "مسقط", "عمان", "القاهرة", "الإسكندرية", "الدار", "البيضاء", "تونس", "الجزائر", "بيروت", "العليا", "الملز", "النسيم", "السليمانية",
        "الروضة", "الحمراء", "الشفا", "النخيل", "الياسمين", "الصحافة", "الربوة", "العزيزية", "الشاطئ", "الفيصلية", "المروج", "الورود", "السلامة",
    ];

    private static readonly string[] Brands =
    [
        "سامسونج", "آيفون", "هواوي", "شاومي", "نوكيا", "لينوفو", "ديل", "كانون", "باناسونيك", "توشيبا", "فيليبس", "بوش", "ال جي", "سوني",
        "Galaxy", "iPhone", "Redmi", "Pixel", "ThinkPad", "Inspiron", "Bravia", "Xperia", "MacBook", "iPad", "PlayStation", "Kindle",
    ];

    private static readonly string[] ExtraFirstNames =
    [
        "عبدالرحمن", "فيصل", "سعود", "تركي", "بندر", "ماجد", "نايف", "فهد", "سلطان", "منصور", "وليد", "هشام", "ياسر", "رامي", "باسل", "زياد",
        "لمى", "جود", "رغد", "شهد", "دانة", "غادة", "هيفاء", "منيرة", "لطيفة", "بشرى", "رنا", "سلمى", "نوف", "العنود", "أسماء", "خديجة",
        "Omar", "Yasmine", "Nadia", "Ahmed", "Fatima", "Pierre", "Claire", "David", "Maria", "Ali",
    ];

    private static readonly string[] ExtraFamilyNames =
    [
        "السبيعي", "العنزي", "الرشيدي", "البلوي", "الجهني", "الشهري", "العمري", "الأحمدي", "السهلي", "الخالدي", "اليامي", "الثبيتي", "البقمي",
        "المالكي", "الفيفي", "التميمي", "الشهراني", "القرني", "العسيري", "الكبيسي", "الهاشمي", "النعيمي", "الكعبي", "البلوشي", "المري",
        "Haddad", "Khoury", "Nasser", "Dubois", "Bernard", "Johnson",
    ];

    private static readonly string[] ArticlePrefixes = ["", "ال", "و", "ب", "بال", "وال", "لل"];
    private static readonly string[] PossessiveSuffixes = ["", "ي", "ها", "كم"];

    private static readonly Lazy<(string[] Words, double[] Cumulative)> Zipf = new(BuildVocabulary);

    // Deterministic: the same list in the same order on every run (the generator's Random is seeded too).
    private static (string[] Words, double[] Cumulative) BuildVocabulary()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var rest = new List<string>();
        void Add(string word)
        {
            if (word.Length > 0 && seen.Add(word)) rest.Add(word);
        }

        foreach (var noun in Nouns.Distinct())
        {
            // The plural in ات of nouns ending in ة (خدمة → خدمات, بطاقة → بطاقات).
            var stems = noun.EndsWith('ة') ? new[] { noun, noun[..^1] + "ات" } : [noun];
            foreach (var stem in stems)
                foreach (var prefix in ArticlePrefixes)
                    foreach (var suffix in PossessiveSuffixes)
                    {
                        // A noun with the article takes no possessive; ة becomes ت before one.
                        if (prefix.Contains('ل', StringComparison.Ordinal) && suffix.Length > 0) continue;
                        var body = suffix.Length > 0 && stem.EndsWith('ة') ? stem[..^1] + "ت" : stem;
                        Add(prefix + body + suffix);
                    }
        }
        foreach (var verb in Verbs) { Add(verb); Add("و" + verb); }
        foreach (var word in EnglishWords.Concat(FrenchWords).Concat(Places).Concat(Brands)) Add(word);
        foreach (var place in Places) Add("ب" + place);
        foreach (var name in ExtraFirstNames.Concat(FirstNames).Concat(ExtraFamilyNames).Concat(FamilyNames)) Add(name);
        // Model codes (A52, X300, …): many rare terms, as in real product talk.
        foreach (var letter in "ASXMGPZKT")
            for (var n = 10; n < 400; n += 3) Add(letter + n.ToString(CultureInfo.InvariantCulture));

        // Shuffled with a fixed seed so that ranks mix kinds of words, then the common words in front.
        var shuffle = new Random(6);
        var shuffled = rest.OrderBy(_ => shuffle.Next()).ToList();
        var words = CommonWords.Concat(shuffled.Where(w => !CommonWords.Contains(w))).ToArray();
        var cumulative = new double[words.Length];
        var sum = 0.0;
        for (var r = 0; r < words.Length; r++)
        {
            sum += 1.0 / (r + 1);
            cumulative[r] = sum;
        }
        return (words, cumulative);
    }

    private static string Word(Random rng)
    {
        var (words, cumulative) = Zipf.Value;
        var at = Array.BinarySearch(cumulative, rng.NextDouble() * cumulative[^1]);
        return words[at < 0 ? Math.Min(~at, words.Length - 1) : at];
    }

    /// <summary>Distinct words the generator draws from (reported after generation).</summary>
    public static int VocabularySize => Zipf.Value.Words.Length;
}

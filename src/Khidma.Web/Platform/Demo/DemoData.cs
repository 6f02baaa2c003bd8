using Khidma.Web.Areas.Interactions.Domain;
using Khidma.Web.Areas.People.Domain;
using Khidma.Web.Platform.Localization;

namespace Khidma.Web.Platform.Demo;

// The demo company's words: a fictional Arabic service company (accounts, cards, bills, complaints,
// maintenance) whose charter, stages and scripts follow the five seed articles. Names are made up;
// e-mail addresses use the reserved example.* domains.
internal static class DemoData
{
    public const string CompanyAr = "شركة الواحة للخدمات";
    public const string CompanyEn = "Al-Waha Services";

    public sealed record TeamSpec(string Name, string Description);

    public static readonly TeamSpec[] Teams =
    [
        new("خدمة العملاء في الفرع الرئيسي", "استقبال العملاء في الفرع وخدمتهم على الكاونتر"),
        new("مركز الاتصال", "الرد على المكالمات الواردة ومعاودة الاتصال بالعملاء"),
        new("الدعم الإلكتروني", "البريد الإلكتروني ونموذج الموقع والمحادثة المباشرة والفاكس"),
        new("الشكاوى والجودة", "متابعة الشكاوى حتى الحل ومراجعة جودة الخدمة"),
    ];

    public sealed record EmployeeSpec(string Email, string Name, string Role, string Culture, int[] Teams, string Title);

    // From the manager to the security guard (seed 001): everyone serves customers and can log an encounter.
    public static readonly EmployeeSpec[] Employees =
    [
        new("manager@khidma.local", "نورة القحطاني", Roles.Manager, "ar", [], "manager"),
        new("supervisor@khidma.local", "خالد الشمري", Roles.Supervisor, "ar", [1, 3], "supervisor (call centre, complaints)"),
        new("reem@khidma.local", "ريم العتيبي", Roles.Supervisor, "ar", [0], "supervisor (main branch)"),
        new("ahmed@khidma.local", "أحمد الغامدي", Roles.Agent, "ar", [0], "agent (main branch)"),
        new("sara@khidma.local", "سارة الحربي", Roles.Agent, "ar", [0], "agent (main branch)"),
        new("abdullah@khidma.local", "عبدالله المطيري", Roles.Agent, "ar", [1], "agent (call centre)"),
        new("mona@khidma.local", "منى الزهراني", Roles.Agent, "ar", [1, 2], "agent (call centre, online)"),
        new("youssef@khidma.local", "يوسف بن علي", Roles.Agent, "fr", [2], "agent (online support, French)"),
        new("layla@khidma.local", "ليلى حداد", Roles.Agent, "en", [2], "agent (online support, English)"),
        new("faisal@khidma.local", "فيصل السبيعي", Roles.Agent, "ar", [3], "agent (complaints and quality)"),
        new("guard@khidma.local", "سعيد الأحمدي", Roles.Staff, "ar", [], "security guard (staff)"),
    ];

    public sealed record ServiceSpec(
        LocalizedText Name, LocalizedText Description, LocalizedText Benefits, LocalizedText Conditions,
        int TypicalMinutes, string Skills, int Team,
        // Weights per channel, in the order of the Channel enum: WalkIn, Phone, Email, Web, Chat, Fax.
        int[] ChannelWeights,
        string[] SubjectsAr, string[] SubjectsEn, string[] SubjectsFr,
        string[] MessagesAr, string MessageEn, string MessageFr,
        string[] RepliesAr);

    public static readonly ServiceSpec[] Services =
    [
        new(new("فتح حساب", "Open an account", "Ouverture de compte"),
            new("فتح حساب جديد للعميل الفرد أو المنشأة وتفعيل الخدمات الأساسية.",
                "Open a new account for an individual or a business and activate the basic services.",
                "Ouvrir un nouveau compte pour un particulier ou une entreprise et activer les services de base."),
            new("حساب جاهز للاستخدام في الزيارة نفسها، مع شرح كامل للمزايا والرسوم.",
                "An account ready to use in the same visit, with a full explanation of the features and fees.",
                "Un compte utilisable dès la visite, avec une explication complète des avantages et des frais."),
            new("هوية وطنية أو إقامة سارية ورقم جوال مسجل باسم العميل؛ وللمنشآت سجل تجاري ساري.",
                "A valid national ID or residence permit and a mobile number in the customer's name; businesses also need a valid commercial registration.",
                "Une pièce d'identité ou un titre de séjour valide et un numéro de mobile au nom du client ; pour les entreprises, un registre du commerce valide."),
            30, "accounts,identity-check", 0, [60, 10, 8, 15, 5, 2],
            ["فتح حساب جديد لفرد", "فتح حساب لمنشأة تجارية", "الاستفسار عن شروط فتح الحساب", "استكمال مستندات فتح الحساب"],
            ["Opening a new personal account", "Documents needed to open an account"],
            ["Ouverture d'un compte personnel", "Pièces nécessaires pour ouvrir un compte"],
            ["أرغب في فتح حساب جديد، فما المستندات المطلوبة؟ وهل يمكن إنجاز ذلك في زيارة واحدة؟",
             "نحن مؤسسة صغيرة ونرغب في فتح حساب باسم المؤسسة. أرفقت صورة السجل التجاري.",
             "بدأت طلب فتح الحساب عبر الموقع ولم أستطع رفع صورة الهوية، أرجو المساعدة."],
            "I would like to open a personal account. Which documents should I bring to the branch?",
            "Je souhaite ouvrir un compte personnel. Quelles pièces dois-je apporter en agence ?",
            ["أهلاً بك، يسعدنا انضمامك إلينا. فُتح الحساب وفُعّلت الخدمات الأساسية، وشرحنا لك الرسوم والمزايا. هل من خدمة أخرى نقدمها لك؟",
             "شكراً لتواصلك معنا. المطلوب هوية سارية ورقم جوال باسمك، ويستغرق فتح الحساب في الفرع نحو نصف ساعة."]),

        new(new("استبدال بطاقة", "Replace a card", "Remplacement de carte"),
            new("إصدار بطاقة بديلة عن بطاقة مفقودة أو تالفة أو منتهية، وإيقاف البطاقة القديمة فوراً.",
                "Issue a replacement for a lost, damaged or expired card and block the old card at once.",
                "Émettre une carte de remplacement pour une carte perdue, endommagée ou expirée et bloquer aussitôt l'ancienne."),
            new("حماية الحساب من أي استخدام غير مصرح به، واستلام البطاقة الجديدة في زيارة واحدة.",
                "The account is protected from unauthorised use, and the new card is handed over in one visit.",
                "Le compte est protégé contre toute utilisation non autorisée et la nouvelle carte est remise en une seule visite."),
            new("حضور صاحب البطاقة شخصياً ومعه إثبات الهوية؛ تُطبَّق رسوم الاستبدال على البطاقات التالفة بسوء الاستخدام.",
                "The cardholder in person with proof of identity; a replacement fee applies to cards damaged by misuse.",
                "Présence du titulaire avec une pièce d'identité ; des frais s'appliquent aux cartes endommagées par mauvaise utilisation."),
            15, "cards", 0, [55, 25, 5, 5, 8, 2],
            ["فقدان البطاقة وطلب بديل", "بطاقة تالفة لا تعمل", "انتهاء صلاحية البطاقة", "إيقاف بطاقة مسروقة"],
            ["Lost card, need a replacement", "My card stopped working"],
            ["Carte perdue, demande de remplacement", "Ma carte ne fonctionne plus"],
            ["فقدت بطاقتي مساء أمس، أرجو إيقافها فوراً وإصدار بطاقة بديلة.",
             "البطاقة لا تُقرأ في الأجهزة منذ أيام، وأحتاج إلى بطاقة جديدة قبل سفري.",
             "وصلتني رسالة بأن بطاقتي ستنتهي هذا الشهر، فكيف أستلم البطاقة الجديدة؟"],
            "I lost my card yesterday. Please block it and tell me how to get a new one.",
            "J'ai perdu ma carte hier. Merci de la bloquer et de m'indiquer comment en obtenir une nouvelle.",
            ["أُوقفت البطاقة المفقودة فوراً، وأُصدرت البطاقة البديلة وسُلّمت لك. شكراً لزيارتك.",
             "تم إيقاف البطاقة القديمة، والبطاقة الجديدة جاهزة للاستلام من الفرع الرئيسي بعد يوم عمل واحد."]),

        new(new("استفسار عن فاتورة", "Billing enquiry", "Question sur une facture"),
            new("شرح بنود الفاتورة ومراجعة أي مبلغ غير متوقع وتصحيحه إن كان خطأً.",
                "Explain the items on a bill, review any unexpected amount and correct it if it is wrong.",
                "Expliquer les lignes d'une facture, vérifier tout montant inattendu et le corriger s'il est erroné."),
            new("فهم واضح لما يدفعه العميل، واسترداد أي مبلغ حُصِّل بالخطأ.",
                "A clear understanding of what the customer pays, and a refund of anything charged in error.",
                "Une compréhension claire de ce que le client paie et le remboursement de tout montant facturé par erreur."),
            new("رقم الحساب أو رقم الفاتورة؛ تُراجَع الفواتير الصادرة خلال آخر اثني عشر شهراً.",
                "The account or bill number; bills issued in the last twelve months can be reviewed.",
                "Le numéro de compte ou de facture ; les factures des douze derniers mois peuvent être revues."),
            10, "billing", 1, [10, 45, 20, 10, 12, 3],
            ["مبلغ غير متوقع في فاتورة هذا الشهر", "طلب نسخة من الفاتورة", "الاستفسار عن رسوم إضافية", "خصم مكرر في الفاتورة"],
            ["Unexpected amount on this month's bill", "Request a copy of my bill"],
            ["Montant inattendu sur la facture du mois", "Demande de duplicata de facture"],
            ["فاتورة هذا الشهر أعلى من المعتاد بنحو مئتي ريال، ولا أعرف سبب الزيادة.",
             "أحتاج إلى نسخة من فواتير الأشهر الثلاثة الماضية لتقديمها إلى جهة عملي.",
             "ظهر في الفاتورة خصم مكرر للخدمة نفسها، أرجو المراجعة وإعادة المبلغ."],
            "My bill this month is much higher than usual. Could you explain the extra charges?",
            "Ma facture de ce mois est bien plus élevée que d'habitude. Pouvez-vous m'expliquer ces frais ?",
            ["راجعنا الفاتورة ووجدنا خصماً مكرراً، وسيُعاد المبلغ إلى حسابك خلال خمسة أيام عمل. نعتذر عن الإزعاج.",
             "الزيادة ناتجة عن رسوم خدمة إضافية فُعّلت في الشهر الماضي، وقد شرحنا لك طريقة إيقافها إن رغبت."]),

        new(new("تقديم شكوى", "File a complaint", "Déposer une réclamation"),
            new("استقبال شكوى العميل وتوثيقها ومتابعتها حتى الحل، مع إبلاغه بكل خطوة.",
                "Receive, record and follow a customer's complaint until it is resolved, keeping them informed at every step.",
                "Recevoir, enregistrer et suivre la réclamation d'un client jusqu'à sa résolution, en l'informant à chaque étape."),
            new("رقم مرجعي للمتابعة، وموعد حل واقعي، وردّ مكتوب بالنتيجة.",
                "A reference number to follow up, a realistic resolution date and a written answer with the outcome.",
                "Un numéro de référence, une date de résolution réaliste et une réponse écrite avec le résultat."),
            new("وصف المشكلة وتاريخ حدوثها وأي مستندات داعمة.",
                "A description of the problem, when it happened and any supporting documents.",
                "Une description du problème, sa date et tout document utile."),
            1440, "complaints,escalation", 3, [15, 25, 25, 20, 5, 10],
            ["شكوى من تأخر الرد على طلب سابق", "شكوى من تعامل موظف", "شكوى من طول الانتظار في الفرع", "تكرار العطل رغم الإصلاح"],
            ["Complaint: no answer to my earlier request", "Complaint about waiting time at the branch"],
            ["Réclamation : aucune réponse à ma demande", "Réclamation sur l'attente en agence"],
            ["قدّمت طلباً قبل أسبوعين ولم يتواصل معي أحد حتى الآن رغم الوعد بالرد خلال يومين.",
             "انتظرت في الفرع أكثر من ساعة ولم يُنادَ رقمي، وغادرت دون أن أُخدم.",
             "هذه ثالث مرة يتكرر فيها العطل نفسه بعد زيارة الفني، وأطلب حلاً نهائياً."],
            "I sent a request two weeks ago and nobody has answered, although I was promised a reply within two days.",
            "J'ai envoyé une demande il y a deux semaines et personne n'a répondu, alors qu'on m'avait promis une réponse sous deux jours.",
            ["نعتذر بصدق عن التأخير، فهذا لا يليق بما نعدك به. سُجّلت شكواك وسيتواصل معك المشرف خلال يوم عمل واحد.",
             "شكراً لإبلاغنا. راجعنا الحالة مع الفريق المختص وعالجنا سبب المشكلة، وسنتصل بك بعد أسبوع للتأكد من استقرار الخدمة."]),

        new(new("تحديث البيانات", "Update your details", "Mise à jour des coordonnées"),
            new("تحديث العنوان وأرقام التواصل والبريد الإلكتروني وبيانات الهوية.",
                "Update the address, contact numbers, email and identity details.",
                "Mettre à jour l'adresse, les numéros de contact, l'e-mail et les données d'identité."),
            new("وصول الفواتير والتنبيهات إلى العنوان الصحيح دون انقطاع.",
                "Bills and notices reach the right address without interruption.",
                "Les factures et avis arrivent à la bonne adresse sans interruption."),
            new("التحقق من هوية العميل قبل أي تعديل؛ الهوية المنتهية تُحدَّث بحضور العميل.",
                "The customer's identity is verified before any change; an expired ID is updated in person.",
                "L'identité du client est vérifiée avant toute modification ; une pièce expirée se met à jour en agence."),
            10, "records", 2, [20, 20, 25, 25, 8, 2],
            ["تغيير رقم الجوال", "تحديث العنوان الوطني", "تحديث بيانات الهوية بعد التجديد", "تغيير البريد الإلكتروني المسجل"],
            ["Change my mobile number", "Update my address"],
            ["Changer mon numéro de mobile", "Mettre à jour mon adresse"],
            ["غيّرت رقم جوالي وأرغب في تحديثه حتى تصلني رسائل التحقق.",
             "انتقلت إلى حي جديد، أرجو تحديث العنوان المسجل لدى الشركة.",
             "جدّدت هويتي الوطنية وأرغب في تحديث تاريخ الانتهاء في ملفي."],
            "I have a new mobile number. Please update it on my account.",
            "J'ai un nouveau numéro de mobile. Merci de le mettre à jour sur mon compte.",
            ["تم تحديث بياناتك بعد التحقق من هويتك، وستصلك رسالة تأكيد على الرقم الجديد.",
             "شكراً لك. حُدّث العنوان، وستصل الفواتير القادمة إلى العنوان الجديد."]),

        new(new("طلب صيانة", "Maintenance request", "Demande de maintenance"),
            new("طلب زيارة فني لإصلاح عطل في الجهاز أو الخط، في موعد يناسب العميل.",
                "Ask for a technician to repair a fault in the device or line, at a time that suits the customer.",
                "Demander l'intervention d'un technicien pour réparer une panne de l'appareil ou de la ligne, à une heure qui convient au client."),
            new("موعد محدد ومعلن مسبقاً، وفني مؤهل، وإصلاح مضمون لمدة تسعين يوماً.",
                "A fixed appointment announced in advance, a qualified technician and a repair guaranteed for ninety days.",
                "Un rendez-vous fixé à l'avance, un technicien qualifié et une réparation garantie quatre-vingt-dix jours."),
            new("وجود العميل أو من ينوب عنه في الموعد؛ الأعطال الناتجة عن سوء الاستخدام تُحسب بتكلفتها.",
                "The customer or someone on their behalf present at the appointment; faults caused by misuse are charged at cost.",
                "Présence du client ou d'un représentant au rendez-vous ; les pannes dues à une mauvaise utilisation sont facturées."),
            2880, "field-service", 1, [8, 50, 12, 15, 10, 5],
            ["انقطاع الخدمة في المنزل", "عطل في الجهاز بعد التركيب", "طلب موعد صيانة دورية", "ضعف في الخدمة منذ أيام"],
            ["Service down at home", "Device fault after installation"],
            ["Service interrompu à domicile", "Panne de l'appareil après installation"],
            ["الخدمة منقطعة في منزلي منذ صباح اليوم، وأحتاج إلى فني في أقرب وقت.",
             "الجهاز الذي رُكّب الأسبوع الماضي يتوقف عن العمل كل بضع ساعات.",
             "نرغب في تحديد موعد للصيانة الدورية لأجهزة المكتب، ويناسبنا يوم الأحد."],
            "The service at home has been down since this morning. When can a technician come?",
            "Le service est coupé chez moi depuis ce matin. Quand un technicien peut-il passer ?",
            ["حددنا لك موعد زيارة الفني يوم الأحد بين التاسعة والحادية عشرة صباحاً، وسيتصل بك قبل وصوله بنصف ساعة.",
             "زارك الفني وأصلح العطل، والإصلاح مضمون لمدة تسعين يوماً. هل من خدمة أخرى نقدمها لك؟"]),
    ];

    public static readonly string[] RepliesEn =
    [
        "Thank you for contacting us. We have your request and will get back to you within two working days.",
        "Your request has been completed. Is there anything else we can do for you?",
    ];

    public static readonly string[] RepliesFr =
    [
        "Merci de nous avoir contactés. Nous avons bien reçu votre demande et reviendrons vers vous sous deux jours ouvrés.",
        "Votre demande est traitée. Pouvons-nous faire autre chose pour vous ?",
    ];

    public static readonly string[] WaitingRepliesAr =
    [
        "شكراً لتواصلك. نحتاج إلى صورة من الهوية أو رقم الحساب لنكمل طلبك، وسنتابع فور وصولها.",
        "لإكمال الطلب نحتاج إلى تأكيد الموعد المناسب لك، فمتى يناسبك أن نتصل؟",
    ];

    public static readonly string[] NotesAr =
    [
        "تم التحقق من هوية العميل ومطابقة البيانات.",
        "أُحيل الطلب إلى الفريق المختص مع ملخص الحالة.",
        "العميل متضايق من تكرار المشكلة؛ يُستحسن أن يتصل به المشرف.",
        "طلب العميل التواصل معه مساءً بعد الخامسة.",
        "شرحنا للعميل الخطوات التالية والمدة المتوقعة دون وعود لا نستطيع الوفاء بها.",
        "سأل العميل عن خدمات أخرى، فعرّفناه بخدمة تحديث البيانات عبر الموقع.",
    ];

    public static readonly string[] WalkInNotesAr =
    [
        "حضر العميل إلى الفرع الرئيسي وخُدم على الكاونتر.",
        "زار العميل الفرع برفقة ابنه وطلب المساعدة في تعبئة النموذج.",
        "حضر العميل دون موعد وخُدم بعد انتظار قصير.",
    ];

    // Logged by the security guard at the door (seed 001: service is everyone's job).
    public static readonly string[] GuardNotesAr =
    [
        "سجّله حارس الأمن: عميل كبير في السن سأل عند المدخل عن الخدمة، فأرشدته إلى الكاونتر وأخبرت المشرفة.",
        "سجّله حارس الأمن: عميلة اشتكت عند الباب من طول الانتظار، فسجّلت ملاحظتها وأحلتها إلى فريق الشكاوى.",
    ];

    // A call's summary; its direction and duration go in the entry's data ("in|7"), shown beside it.
    public static readonly (string Summary, bool Outgoing)[] CallsAr =
    [
        ("تحقق الموظف من هوية العميل وسجّل طلبه.", false),
        ("اتصل العميل بعد انتظار قصير في الطابور وشرح المشكلة بالتفصيل.", false),
        ("معاودة اتصال بالعميل لإبلاغه بما وصل إليه طلبه.", true),
    ];

    public const string CallEn = "The customer's identity was checked and the request recorded.";
    public const string CallFr = "L'identité du client a été vérifiée et la demande enregistrée.";

    public static readonly string[] FollowUpsAr =
    [
        "شكراً لكم على سرعة الرد، وصلتني الرسالة.",
        "أرفقت المستند المطلوب، أرجو إكمال الطلب.",
        "هل من جديد بخصوص طلبي؟",
    ];

    public static readonly string[] SkippedStageReasonsAr =
    [
        "انقطعت المكالمة قبل الشكر والتوديع ولم يرد العميل على معاودة الاتصال.",
        "غادر العميل الفرع مسرعاً بعد استلام البطاقة.",
        "أُغلق الطلب بناءً على رسالة العميل بأن المشكلة حُلّت من تلقاء نفسها.",
    ];

    public sealed record Goal(LocalizedText Title, LocalizedText Body, Goal[] Special);

    // Seed 000: general goals, and special goals that make each one the company's own.
    public static readonly Goal[] Charter =
    [
        new(new("رعاية العملاء في كل وقت يحتاجون إلينا فيه", "Care for our customers whenever they need us", "Prendre soin de nos clients chaque fois qu'ils ont besoin de nous"),
            new("نكون حاضرين على كل قناة يختارها العميل: في الفرع وعلى الهاتف وعبر الإنترنت والفاكس.",
                "We are there on every channel the customer chooses: at the branch, on the phone, online and by fax.",
                "Nous sommes présents sur chaque canal choisi par le client : en agence, au téléphone, en ligne et par fax."),
            [
                new(new("الود الكامل: أن يشعر العملاء بأنهم في بيتهم وبين أهلهم", "Complete friendliness: customers feel at home, among family", "Une amabilité totale : le client se sent chez lui, en famille"),
                    new("نستقبل كل عميل بالترحيب والابتسامة، ونعامله كما نحب أن نُعامَل.", "We greet every customer with a welcome and a smile, and treat them as we would like to be treated.", "Nous accueillons chaque client avec le sourire et le traitons comme nous aimerions être traités."), []),
                new(new("ردّ سريع على الإنترنت", "Fast answers online", "Des réponses rapides en ligne"),
                    new("من يكتب إلينا ينتظر رداً سريعاً: نرد على الرسائل في اليوم نفسه.", "Whoever writes to us expects a quick answer: we reply to messages the same day.", "Qui nous écrit attend une réponse rapide : nous répondons aux messages le jour même."), []),
                new(new("لا ننتظر العميل الصامت حتى يشكو", "We do not wait for the silent customer to complain", "Nous n'attendons pas que le client silencieux se plaigne"),
                    new("نتواصل مع العملاء الذين غابوا عنا لنطمئن على رضاهم.", "We reach out to customers who have gone quiet, to make sure they are satisfied.", "Nous recontactons les clients devenus silencieux pour nous assurer de leur satisfaction."), []),
            ]),
        new(new("تحديد احتياج العميل بدقة", "Understand exactly what the customer needs", "Comprendre précisément le besoin du client"),
            new("نسأل ونصغي ونتأكد قبل أن نبدأ العمل.", "We ask, listen and confirm before we start.", "Nous questionnons, écoutons et confirmons avant de commencer."),
            [
                new(new("حديث منظم لا حديث محفوظ", "Organised talk, not a memorised script", "Un discours organisé, pas une récitation"),
                    new("نعرف ما سنقوله، ونكيّفه مع كل عميل؛ فالعميل نادراً ما يتغير، وعلينا أن نتكيّف معه.", "We know what to say and adapt it to each customer: the customer rarely changes, so we adapt to them.", "Nous savons quoi dire et l'adaptons à chaque client : le client change rarement, c'est à nous de nous adapter."), []),
                new(new("لا نعد إلا بما نستطيع الوفاء به", "We promise only what we can deliver", "Nous ne promettons que ce que nous pouvons tenir"),
                    new("نعطي العميل موعداً واقعياً من البداية، فالصدق أفضل من وعد يخيب.", "We give a realistic time from the start: honesty is better than a promise that fails.", "Nous donnons dès le départ un délai réaliste : l'honnêteté vaut mieux qu'une promesse non tenue."), []),
            ]),
        new(new("تحقيق رضا العميل", "Satisfied customers", "La satisfaction du client"),
            new("نقيس رضا العملاء عن كل هدف من أهدافنا، ونتعلم من كل ملاحظة.", "We measure how satisfied customers are with each of our goals, and learn from every remark.", "Nous mesurons la satisfaction des clients pour chacun de nos objectifs et apprenons de chaque remarque."),
            [
                new(new("الاحترام والتقدير في كل تعامل", "Respect and appreciation in every contact", "Respect et considération à chaque échange"),
                    new("لا نقلل من شأن عميل ولا زميل ولا إدارة أبداً.", "We never belittle a customer, a colleague or the management.", "Nous ne dénigrons jamais un client, un collègue ou la direction."), []),
                new(new("العميل عميل الشركة لا عميل الموظف", "The customer belongs to the company, not to one employee", "Le client appartient à l'entreprise, pas à un employé"),
                    new("يعرف الفريق كله العميل وتاريخه، فيجد الخدمة نفسها أياً كان من يخدمه.", "The whole team knows the customer and their history, so they get the same service whoever serves them.", "Toute l'équipe connaît le client et son historique : il reçoit le même service, quel que soit l'interlocuteur."), []),
            ]),
        new(new("رعاية العميل وفق إجراءات الشركة", "Serve every customer by the company's procedures", "Servir chaque client selon les procédures de l'entreprise"),
            new("لكل خدمة مراحل واضحة نمر بها مع كل عميل.", "Every service has clear stages we walk through with every customer.", "Chaque service a des étapes claires que nous suivons avec chaque client."),
            [
                new(new("الترحيب والشكر والتوديع في كل مرة", "Welcome, thanks and farewell every time", "Accueil, remerciements et au revoir à chaque fois"),
                    new("لا يغادرنا عميل دون أن نشكره ونودّعه.", "No customer leaves without our thanks and a farewell.", "Aucun client ne repart sans nos remerciements et un au revoir."), []),
                new(new("هل من خدمة أخرى؟", "Anything else we can do?", "Autre chose pour vous ?"),
                    new("نتأكد أن العميل لا يحتاج خدمة أخرى قبل أن يغادر.", "We make sure the customer needs nothing else before they leave.", "Nous vérifions que le client n'a besoin de rien d'autre avant de partir."), []),
            ]),
    ];

    public sealed record Person(string Ar, string Latin);

    public static readonly Person[] MaleNames =
    [
        new("محمد", "mohammed"), new("أحمد", "ahmed"), new("عبدالله", "abdullah"), new("خالد", "khalid"), new("فهد", "fahad"),
        new("سلطان", "sultan"), new("عبدالرحمن", "abdulrahman"), new("سعود", "saud"), new("فيصل", "faisal"), new("ناصر", "nasser"),
        new("عمر", "omar"), new("علي", "ali"), new("يوسف", "yousef"), new("إبراهيم", "ibrahim"), new("ماجد", "majed"),
        new("تركي", "turki"), new("بندر", "bandar"), new("حسن", "hassan"), new("طارق", "tariq"), new("وليد", "waleed"),
        new("مازن", "mazen"), new("هشام", "hisham"), new("كريم", "karim"), new("سامي", "sami"), new("زياد", "ziyad"),
    ];

    public static readonly Person[] FemaleNames =
    [
        new("فاطمة", "fatimah"), new("نورة", "noura"), new("سارة", "sarah"), new("مريم", "maryam"), new("عائشة", "aisha"),
        new("هند", "hind"), new("ريم", "reem"), new("لطيفة", "latifa"), new("منى", "mona"), new("أمل", "amal"),
        new("هيفاء", "haifa"), new("جواهر", "jawaher"), new("دانة", "dana"), new("لمى", "lama"), new("رغد", "raghad"),
        new("شهد", "shahad"), new("ليلى", "layla"), new("سلمى", "salma"), new("خديجة", "khadija"), new("أسماء", "asma"),
    ];

    public static readonly Person[] FamilyNames =
    [
        new("العتيبي", "alotaibi"), new("الشمري", "alshammari"), new("القحطاني", "alqahtani"), new("الغامدي", "alghamdi"),
        new("الزهراني", "alzahrani"), new("الحربي", "alharbi"), new("المطيري", "almutairi"), new("الدوسري", "aldosari"),
        new("السبيعي", "alsubaie"), new("العنزي", "alanazi"), new("الشهري", "alshehri"), new("المالكي", "almalki"),
        new("الأنصاري", "alansari"), new("الهاشمي", "alhashimi"), new("النعيمي", "alnuaimi"), new("الكعبي", "alkaabi"),
        new("المصري", "almasri"), new("الحداد", "alhaddad"), new("التميمي", "altamimi"), new("الجابري", "aljabri"),
        new("الخطيب", "alkhatib"), new("النجار", "alnajjar"), new("البلوشي", "albalushi"), new("الراشد", "alrashed"),
    ];

    public static readonly (string First, string Family)[] EnglishNames =
    [
        ("James", "Miller"), ("Emily", "Clarke"), ("David", "Wilson"), ("Sarah", "Thompson"), ("Priya", "Nair"),
        ("Omar", "Khan"), ("Michael", "Brown"), ("Anna", "Roberts"), ("Daniel", "Hughes"), ("Grace", "Taylor"),
    ];

    public static readonly (string First, string Family)[] FrenchNames =
    [
        ("Karim", "Benali"), ("Sophie", "Martin"), ("Yasmine", "Haddad"), ("Mehdi", "Alaoui"), ("Claire", "Dubois"),
        ("Nadia", "Bensalah"), ("Julien", "Moreau"), ("Amine", "Mansouri"), ("Camille", "Laurent"), ("Leila", "Cherif"),
    ];

    public sealed record Place(string City, string Region, string CountryCode, string MobilePrefix);

    public static readonly Place[] Places =
    [
        new("الرياض", "منطقة الرياض", "966", "5"), new("جدة", "منطقة مكة المكرمة", "966", "5"),
        new("مكة المكرمة", "منطقة مكة المكرمة", "966", "5"), new("المدينة المنورة", "منطقة المدينة المنورة", "966", "5"),
        new("الدمام", "المنطقة الشرقية", "966", "5"), new("الخبر", "المنطقة الشرقية", "966", "5"),
        new("الأحساء", "المنطقة الشرقية", "966", "5"), new("أبها", "منطقة عسير", "966", "5"),
        new("تبوك", "منطقة تبوك", "966", "5"), new("بريدة", "منطقة القصيم", "966", "5"),
        new("حائل", "منطقة حائل", "966", "5"), new("الطائف", "منطقة مكة المكرمة", "966", "5"),
        new("جازان", "منطقة جازان", "966", "5"), new("نجران", "منطقة نجران", "966", "5"),
        new("دبي", "الإمارات العربية المتحدة", "971", "5"), new("أبوظبي", "الإمارات العربية المتحدة", "971", "5"),
        new("الدوحة", "قطر", "974", "5"), new("الكويت", "الكويت", "965", "6"), new("المنامة", "البحرين", "973", "3"),
        new("مسقط", "سلطنة عُمان", "968", "9"), new("عمّان", "الأردن", "962", "7"), new("القاهرة", "مصر", "20", "10"),
        new("الإسكندرية", "مصر", "20", "11"), new("الدار البيضاء", "المغرب", "212", "6"), new("الرباط", "المغرب", "212", "6"),
        new("تونس", "تونس", "216", "2"), new("الجزائر", "الجزائر", "213", "5"), new("بيروت", "لبنان", "961", "3"),
    ];

    public static readonly string[] Businesses =
    [
        "شركة الأفق للتجارة", "مؤسسة النخبة للمقاولات", "مجموعة الريادة القابضة", "شركة السنابل للأغذية",
        "مكتب الإتقان للاستشارات الهندسية", "شركة الخليج للنقل والخدمات اللوجستية", "مستوصف الشفاء الأهلي",
        "مدارس المستقبل الأهلية", "شركة البيان للتقنية", "فندق الواحة", "مؤسسة الصفوة للسفر والسياحة", "مطاعم بيت الضيافة",
    ];

    public static readonly string[] Governments =
    [
        "بلدية حي النسيم", "الإدارة العامة للتعليم", "مركز الرعاية الصحية الأولية بحي الروضة", "جامعة الشمال — عمادة شؤون الطلاب",
    ];

    public static readonly string[] HowToDeal =
    [
        "يفضّل الإيجاز والدخول في الموضوع مباشرة.",
        "يحب أن يُشرح له كل إجراء بالتفصيل قبل البدء.",
        "يفضّل التواصل كتابةً عبر البريد الإلكتروني.",
        "كبير في السن؛ يُستحسن التحدث بهدوء والمساعدة في تعبئة النماذج.",
        "لا يحب كثرة الأسئلة الشخصية.",
        "يقدّر المتابعة الهاتفية بعد إنجاز الطلب.",
    ];

    public static readonly string[] Motives =
    [
        "السرعة في إنجاز المعاملة", "الحصول على أفضل سعر", "الثقة والاستقرار في التعامل",
        "الاهتمام الشخصي والتقدير", "جودة الخدمة بعد البيع",
    ];

    public static readonly string[] Education =
    [
        "بكالوريوس هندسة مدنية", "ماجستير إدارة أعمال", "ثانوية عامة", "دبلوم تقنية معلومات", "دكتوراه في الصيدلة", "بكالوريوس محاسبة",
    ];

    public static readonly string[] WorkExperience =
    [
        "مدير مشتريات في شركة مقاولات منذ عشر سنوات", "معلمة في المرحلة الابتدائية", "صاحب متجر إلكترونيات",
        "متقاعد من القطاع العسكري", "طالب جامعي", "محاسبة في مكتب تدقيق",
    ];

    public static readonly string[] Customs =
    [
        "يفضّل المواعيد بعد صلاة العصر.", "تفضّل أن تخدمها موظفة.", "يفضّل الاتصال في المساء.",
        "يقدّر القهوة العربية عند زيارته للفرع.",
    ];

    public static readonly string[] Interests =
    [
        "كرة القدم", "القراءة والشعر", "السفر والتصوير", "التقنية والأجهزة الذكية", "الطبخ", "المشي والرياضة",
    ];

    public static readonly string[] ConsentNotes =
    [
        "وافق شفهياً في الفرع على حفظ معلومات خلفيته.", "وافقت عبر نموذج الموقع.", "وافق خلال مكالمة هاتفية مسجلة.",
    ];

    public static readonly string[] LostReasons =
    [
        "انتقل إلى شركة منافسة بعد تأخر حل شكواه.",
        "انتقل للسكن خارج منطقة التغطية.",
        "لم يعد بحاجة إلى الخدمة.",
        "غادر بعد انتقال الموظف الذي كان يتعامل معه إلى شركة أخرى.",
    ];

    public static readonly Channel[] ChannelOrder = [Channel.WalkIn, Channel.Phone, Channel.Email, Channel.Web, Channel.Chat, Channel.Fax];
}

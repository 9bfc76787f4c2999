//! The vocabulary of the field as data: Chinese and English words for routes, cells,
//! conditions, outcome indicators and directions, each mapped to its SPEC.md value.
//!
//! Every table is ordered: a row placed earlier masks what it matched from the rows after
//! it (see [`crate::lexicon`]), so specific phrases come before general ones. Patterns are
//! regular expressions over the prepared text (ASCII width, dashes `-`, superscripts
//! `^…`), case-insensitive unless written `(?-i:…)`.

use trialex_model::{CellOrigin, CellSource, CellType, ConditionCategory, Direction, Etiology, Indicator, RouteKind};

/// Phrases that look like a route but are not one (peripheral *blood*, portal *hypertension*):
/// matched first and dropped.
pub(crate) const ROUTE_NOISE: &[&str] = &[
    r"外周血",
    r"peripheral[- ]blood",
    r"门静脉(?:高压|血流|血栓|压力|内径|宽度)",
    r"portal (?:hypertension|vein thrombosis|flow|pressure)",
    r"静脉曲张",
    r"varice(?:s|al)",
    r"肝内胆管",
    r"肝静脉压",
    r"hepatic venous pressure",
    // The shunt procedure, not a route of the cells (`经颈静脉肝内门体分流术`, TIPS).
    r"经颈静脉肝内门(?:体|腔)?(?:静脉)?(?:内支架)?分流术?|transjugular intrahepatic portosystemic (?:stent[- ])?shunt(?:ing)?",
    // A lowercase Roman numeral that numbers a list item, not `iv` for intravenous.
    r"(?-i:\(iv\)|\biv\))",
];

/// Routes of administration (`route.routes`).
pub(crate) const ROUTES: &[(&str, RouteKind)] = &[
    (r"大网膜静脉|网膜静脉|omental vein|(?:via|through) the (?:right )?omentum", RouteKind::OmentalVein),
    (r"脾静脉|splenic vein", RouteKind::SplenicVein),
    (
        r"脾内|脾脏内|经脾|脾脏注射|intra-?splenic(?:ally)?|into the spleen|splenic (?:injection|puncture)",
        RouteKind::Intrasplenic,
    ),
    (
        r"门静脉|门脉|intra-?portal(?:ly)?|trans-?portal|portal vein|portal venous|(?:via|through|into) the portal",
        RouteKind::PortalVein,
    ),
    (
        r"肝固有动脉|肝动脉|hepatic arter(?:y|ies|ial)|intra-?hepatic arter(?:y|ial)|intra-?arterial(?:ly)?|trans-?arterial|(?-i:HAI)",
        RouteKind::HepaticArtery,
    ),
    (
        r"深静脉|中心静脉|颈内静脉|锁骨下静脉|central vein|central venous|jugular vein|subclavian vein",
        RouteKind::CentralVein,
    ),
    (
        r"肝内|肝脏内|注射入肝|注入肝|肝实质|intra-?hepatic(?:ally)?|into the liver(?:[^'’\w]|$)|liver parenchyma|direct (?:intra-?)?(?:liver|hepatic) injection|(?:liver|hepatic) injection",
        RouteKind::Intrahepatic,
    ),
    (r"腹腔内?(?:注射|输注)|腹腔|intra-?peritoneal(?:ly)?|(?-i:i\.p\.)", RouteKind::Intraperitoneal),
    // Named vessels that are no route of the list, before the general `vein` / `静脉` row
    // below would take their vessel word.
    (r"脾动脉|splenic arter(?:y|ial)|肠系膜|(?:superior |inferior )?mesenteric", RouteKind::Other),
    (
        r"外周静脉|周围静脉|肘静脉|肘正中静脉|浅静脉|外周|静脉(?:输注|注射|滴注|回输|输入|给药|移植)?|经静脉|peripheral(?:ly)?(?: vein| venous| intravenous| infusion)?|(?:ante)?cubital vein|intra-?venous(?:ly)?|(?-i:i\.\s?v\.?|IV|iv)|systemic(?:ally)? (?:infusion|administration|injection)|vein",
        RouteKind::PeripheralVein,
    ),
    (r"intra-?muscular|肌肉注射|皮下|subcutaneous|骨髓腔|intra-?osseous", RouteKind::Other),
];

/// Route codes that tables write in a route column (`IV`, `PV/IV`, `IS/IH`, `HA`): read only
/// where the whole text is codes (in running text `IS` or `HA` are other words).
pub(crate) const ROUTE_CODES: &[(&str, RouteKind)] = &[
    ("IV", RouteKind::PeripheralVein),
    ("PV", RouteKind::PortalVein),
    ("HA", RouteKind::HepaticArtery),
    ("HAI", RouteKind::HepaticArtery),
    ("IA", RouteKind::HepaticArtery),
    ("IS", RouteKind::Intrasplenic),
    ("IH", RouteKind::Intrahepatic),
    ("IP", RouteKind::Intraperitoneal),
    ("SV", RouteKind::SplenicVein),
    ("CV", RouteKind::CentralVein),
];

/// The vessel word that ends a route phrase (`via the portal vein`, `superior mesenteric
/// vein`, `肠系膜上静脉`): every route row takes it along when it follows, so that the vessel
/// word left over from a named vessel is never read as the general route `vein` / `静脉`.
pub(crate) const ROUTE_TAIL: &str = r"\s*(?:veins?|venous|arter(?:y|ies|ial))|[上下]?(?:静脉|动脉)";

/// Words that administer cells without naming a route: a text of only these reads as no route.
pub(crate) const ROUTE_GENERIC: &str =
    r"(?i)回输|输注|输入|注射|移植|给药|infus|inject|transplant|administ|deliver|transfus";

/// Cell kinds (`cell.type`), most specific first.
pub(crate) const CELL_TYPES: &[(&str, CellType)] = &[
    // Acellular products of cells are not the cells they come from (`MSC-derived exosomes`).
    (r"外泌体|细胞外囊泡|exosomes?|extracellular vesicles?|(?-i:EVs?)|secretome|conditioned medium", CellType::Other),
    (
        r"肝细胞样细胞|肝样细胞|hepatocyte-like|hepatic-like|(?-i:HLCs?)|differentiated (?:mesenchymal )?stem cells|分化的(?:间充质)?干细胞",
        CellType::HepatocyteLikeCells,
    ),
    (
        r"基质血管(?:成分|组分)|stromal vascular fraction|(?-i:SVF|ADRCs?)|adipose[- ](?:tissue[- ])?derived regenerative cells|脂肪(?:组织)?来源的?(?:基质/干细胞|再生细胞)",
        CellType::StromalVascularFraction,
    ),
    (r"CD34(?:\^-|-deplet\w*|-negative|阴性|缺失|去除)", CellType::MononuclearCells),
    (r"CD133", CellType::Cd133Cells),
    (r"CD34", CellType::Cd34Cells),
    (r"单个核细胞|单核细胞|mono-?nuclear cells?|(?-i:[A-Z]{0,4}MNCs?|PBMCs?)|monocytes?", CellType::MononuclearCells),
    (
        r"间充质|间质干细胞|基质干细胞|mesenchymal|(?-i:(?:[hH]?UC|[hH]?BM|[hH]?AD|AT|PL|WJ|CB|PB|MB|DP|h)?-?MSCs?|ADSCs?|ASCs)|stromal (?:stem )?cells",
        CellType::Msc,
    ),
    (
        r"造血干(?:/祖)?细胞|造血祖细胞|ha?ematopoietic (?:stem|progenitor)|(?-i:HSCs?|HSPCs?|HPCs?|PBSCs?)",
        CellType::Hsc,
    ),
    (
        r"(?-i:BMSCs?|SCs)|干细胞|stem[- ]cells?|stem/progenitor|祖细胞|progenitor cells?|骨髓细胞|bone[- ]marrow cells?|bone[- ]marrow(?: infusion| transplant(?:ation)?)",
        CellType::StemCells,
    ),
    (
        r"肝细胞移植|hepatocyte transplant|(?:mature )?hepatocytes|内皮祖细胞|endothelial progenitor|(?-i:EPCs?)|巨噬细胞|macrophages?|(?-i:iPSCs?|ESCs?)|(?-i:NK) cells?|T cells?|(?-i:Tregs?)",
        CellType::Other,
    ),
];

/// Tissues the cells come from (`cell.source`).
pub(crate) const CELL_SOURCES: &[(&str, CellSource)] = &[
    (r"脐带血|脐血|(?:umbilical )?cord[- ]blood|(?-i:UCB)|(?-i:CB)-(?:MSC|MNC|SC)s?", CellSource::CordBlood),
    (r"脐带|华通氏胶|umbilical(?: cord)?|wharton|(?-i:[hH]?UC|WJ)-?MSCs?|(?-i:[hH]?UC)", CellSource::UmbilicalCord),
    (r"胎盘|placenta(?:l)?|decidua|(?-i:PMSCs?)", CellSource::Placenta),
    (r"胎儿|胎肝|fetal|foetal", CellSource::Fetal),
    (
        r"骨髓|bone[- ]marrow|marrow|(?-i:BM)-?(?:MSCs?|MNCs?|SCs?|derived)?|(?-i:BMSCs?|BMMNCs?|ABMNCs?|BMC|ABMi)",
        CellSource::BoneMarrow,
    ),
    (r"脂肪|adipose|lipoaspirate|fat[- ]derived|(?-i:AD|AT)-?MSCs?|(?-i:ADSCs?|ASCs|ADRCs?|SVF)", CellSource::Adipose),
    (
        r"外周血|peripheral[- ]blood|(?-i:PB)-?(?:SCs?|MNCs?|MSCs?|derived)?|(?-i:PBSCs?|PBMCs?)|mobili[sz]ed (?:blood|peripheral)",
        CellSource::PeripheralBlood,
    ),
    (r"月经血|menstrual|牙髓|dental pulp|羊膜|羊水|amnio(?:n|tic)|滑膜|synovi", CellSource::Other),
];

/// Who gave the cells (`cell.origin`).
pub(crate) const CELL_ORIGINS: &[(&str, CellOrigin)] = &[
    (r"同种异体|异体|异基因|allogene(?:ic|ous)|allogenic|allo-|allo|donor-derived|供者来源", CellOrigin::Allogeneic),
    (r"自体|自身(?:骨髓|外周血|脂肪|干细胞)|autologous|auto-|auto", CellOrigin::Autologous),
];

/// Mobilization of the cells (`cell.mobilized`): negatives first so that they mask the
/// positive word inside them (`unmobilized`, `未经动员`).
pub(crate) const MOBILIZATION: &[(&str, bool)] = &[
    (
        r"未经(?:G-?CSF)?\s*动员|未动员|非动员|无动员|不经动员|un-?mobili[sz]ed|non-?mobili[sz]ed|without (?:G-?CSF )?mobili[sz]ation|not mobili[sz]ed",
        false,
    ),
    (r"动员|mobili[sz](?:ed|ation|ing)", true),
    // Cells collected after G-CSF, or by apheresis of the blood, were mobilized.
    (
        r"(?-i:G-?CSF)|granulocyte[- ]colony[- ]stimulating factor|粒细胞集落刺激因子|leuk?apheresis|apheresis|单采",
        true,
    ),
];

/// Phrases inside a condition text that name a score, not the condition (`终末期肝病模型`).
pub(crate) const CONDITION_NOISE: &[&str] = &[r"终末期肝病(?:模型|评分)|model (?:for|of) end[- ]stage liver disease"];

/// Condition categories (`condition.category`): the first row that matches anywhere wins.
pub(crate) const CONDITION_CATEGORIES: &[(&str, ConditionCategory)] = &[
    (
        r"慢加急性|慢加亚急性|acute[- ]on[- ]chronic|(?-i:ACLF|ACHBLF|HBV-ACLF)",
        ConditionCategory::AcuteOnChronicLiverFailure,
    ),
    (
        r"原发性胆汁性(?:肝硬化|胆管炎)|primary biliary (?:cirrhosis|cholangitis)|(?-i:PBC)",
        ConditionCategory::PrimaryBiliaryCholangitis,
    ),
    (r"胆道闭锁|biliary atresia", ConditionCategory::BiliaryAtresia),
    (
        r"移植物抗宿主|graft[- ]versus[- ]host|(?-i:a?GVHD)|排斥|rejection|肝移植(?:后|术后|患者|受者)|liver transplant(?:ation)? (?:recipients|patients)|after liver transplant|ABO[- ]?(?:血型)?不合|ABO-incompatible",
        ConditionCategory::TransplantComplication,
    ),
    (r"亚急性肝衰竭|亚急性重型肝炎|subacute (?:liver|hepatic) failure", ConditionCategory::LiverFailure),
    (
        r"急性肝衰竭|急性肝功能衰竭|暴发性肝|acute (?:liver|hepatic) failure|fulminant|(?-i:ALF)",
        ConditionCategory::AcuteLiverFailure,
    ),
    (r"肝衰竭|肝功能衰竭|重型肝炎|liver failure|hepatic failure|(?-i:LF)", ConditionCategory::LiverFailure),
    (r"终末期肝|end[- ]stage liver|(?-i:ESLD)", ConditionCategory::EndStageLiverDisease),
    (r"失代偿|decompensat\w*|(?-i:DLC)", ConditionCategory::DecompensatedCirrhosis),
    // The stage word may stand before a cause (`compensated NASH cirrhosis`, `代偿期乙肝肝硬化`).
    (
        r"代偿(?:期|性)[^，。；,;]{0,12}?(?:肝硬化|肝硬变)|\bcompensated\s+(?:[\w-]+\s+){0,3}?cirrho\w*",
        ConditionCategory::CompensatedCirrhosis,
    ),
    (r"肝硬化|肝硬变|cirrho\w*|(?-i:LC)", ConditionCategory::Cirrhosis),
    (r"自身免疫性肝炎|autoimmune hepatitis|(?-i:AIH)", ConditionCategory::AutoimmuneHepatitis),
    (r"肝纤维化|(?:liver|hepatic) fibrosis", ConditionCategory::LiverFibrosis),
    (r"腹水|ascites", ConditionCategory::Ascites),
    (
        r"慢性(?:乙型|丙型|病毒性)?(?:病毒性)?肝炎|chronic (?:viral )?hepatitis|(?-i:CHB|CHC)",
        ConditionCategory::ChronicHepatitis,
    ),
    (
        r"肝损伤|肝功能(?:障碍|异常|不全)|肝病|肝癌|脂肪肝|脂肪性肝|liver (?:injury|damage|dysfunction|disease|cancer)|hepatocellular carcinoma|(?-i:HCC|NASH|NAFLD|MASLD|MASH)|steatohepatitis|Wilson|肝豆状核变性|酪氨酸血症|tyrosin|酒精性肝炎|alcoholic hepatitis|原发性硬化性胆管炎|sclerosing cholangitis|(?-i:PSC)|布-?加|budd-?chiari",
        ConditionCategory::Other,
    ),
];

/// Causes of the condition (`condition.etiology`, a set): every row that matches counts.
pub(crate) const ETIOLOGIES: &[(&str, Etiology)] = &[
    (r"非酒精性|non-?alcoholic|(?-i:NAFLD|NASH|MASLD|MASH|MAFLD)|脂肪性肝|脂肪肝|fatty liver|steato", Etiology::Nafld),
    (r"乙型|乙肝|(?-i:HBV)|hepatitis B|(?-i:CHB)|乙型肝炎病毒", Etiology::Hbv),
    (r"丙型|丙肝|(?-i:HCV)|hepatitis C|(?-i:CHC)", Etiology::Hcv),
    (r"酒精|alcohol\w*|戒酒|(?-i:ALD)", Etiology::Alcohol),
    (r"自身免疫|autoimmun\w*|(?-i:AIH)", Etiology::Autoimmune),
    (r"药物性|药物(?:相关|引起|导致)|drug[- ](?:induced|related)|(?-i:DILI)|medication[- ]induced", Etiology::Drug),
    (r"肝豆状核变性|wilson", Etiology::Wilson),
    (
        r"遗传代谢|代谢性|metabolic|酪氨酸血症|tyrosin\w*|血色病|ha?emochromatosis|α-?1-?antitrypsin|糖原累积",
        Etiology::Metabolic,
    ),
    (
        r"不明原因|原因不明|隐源性|cryptogenic|unknown (?:etiology|aetiology|cause|origin)|idiopathic",
        Etiology::Cryptogenic,
    ),
    (r"血吸虫|schistosom\w*|布-?加|budd-?chiari|胆汁淤积性", Etiology::Other),
];

/// Phrases that look like an indicator, a direction or a negator but are none, masked
/// before all are read: `不仅` "not only" and `无需` "no need" negate no change (`无需透析即改善
/// 了肾功能` is an improvement), `less than` / `longer than` compare with a number, and `no
/// longer` is not a negated increase.
pub(crate) const OUTCOME_NOISE: &[&str] = &[
    r"不仅|不但|not only|无需|不需|without (?:the )?need",
    r"(?:less|fewer|longer|shorter) than|no longer",
    // A direction word inside a noun phrase names a kind of thing, not a change:
    // `reduced-intensity conditioning`, `upper abdominal pain`, `high-dose group`.
    r"reduced[- ]intensity|(?:upper|lower) (?:abdomen|abdominal|gastrointestinal|GI|limbs?|extremit\w*|limit|bound)|(?:high|low|higher|lower|highest|lowest)[- ](?:dose|risk|grade)",
];

/// Outcome indicators (`outcome.findings[].indicator`). One phrase can name two (`转氨酶`).
pub(crate) const INDICATORS: &[(&str, &[Indicator])] = &[
    // Phrases that contain a more general indicator word come first.
    (
        r"前白蛋白|prealbumin|腹围|abdominal (?:girth|circumference)|体质量|体重|body weight|有效率|response rate|efficacy rate|(?-i:ICG)(?:[- ]?R15)?|吲哚菁绿(?:\s*\d+\s*分钟)?(?:滞留(?:率|时间)|清除率|排泄率?)?|利尿剂|diuretic|血流动力学|ha?emodynamic|血细胞|blood cells|血红蛋白|ha?emoglobin|造血功能|(?-i:IgG|IgA)|γ-?球蛋白|gamma[- ]?globulin",
        &[Indicator::Other],
    ),
    (r"终末期肝病(?:模型|评分)|(?-i:MELD)(?:-Na)?(?:\s*评分|\s*scores?)?", &[Indicator::Meld]),
    (
        r"Child[- ]?(?:Turcotte[- ])?Pugh(?:\s*(?:评分|分级|scores?|class))?|(?-i:CTP|CP)(?:\s*(?:评分|score))|(?-i:CTP|CPS|C\.P\.?)",
        &[Indicator::ChildPugh],
    ),
    (r"(?-i:SOFA)(?:\s*评分|\s*scores?)?|序贯器官衰竭", &[Indicator::Sofa]),
    // The word before its abbreviation: a case-sensitive `Alb` first would take the start of
    // `Albumin` and, rejected there as part of a longer word, hide the word.
    (r"白蛋白|albumin|(?-i:ALB|Alb)", &[Indicator::Alb]),
    (r"总胆红素|直接胆红素|胆红素|(?-i:TBIL|TBil|T-Bil|TBiL|DBIL|STB|TB)|bilirubin", &[Indicator::Tbil]),
    (r"转氨酶|肝酶|transaminases?|aminotransferases|liver enzymes", &[Indicator::Alt, Indicator::Ast]),
    (
        r"(?-i:ALT|GPT)|丙氨酸(?:氨基)?转氨酶|丙氨酸氨基转移酶|谷丙转氨酶|alanine (?:amino)?transferase",
        &[Indicator::Alt],
    ),
    (
        r"(?-i:AST|GOT)|天门?冬氨酸(?:氨基)?转氨酶|天门?冬氨酸氨基转移酶|谷草转氨酶|aspartate (?:amino)?transferase",
        &[Indicator::Ast],
    ),
    (
        r"γ\s*-?\s*(?:GT|谷氨酰(?:转移酶|转肽酶|基转移酶))|(?-i:GGT|GGTP|r-GT)|(?:gamma|γ)\s*-?\s*glutamyl\s*-?\s*(?:transferase|transpeptidase)?",
        &[Indicator::Ggt],
    ),
    (r"碱性磷酸酶|(?-i:ALP|AKP)|alkaline phosphatase", &[Indicator::Alp]),
    (r"(?-i:IgM)|免疫球蛋白\s*M|immunoglobulin\s*M", &[Indicator::Igm]),
    (r"国际标准化比(?:值|率)?|(?-i:INR)|international normali[sz]ed ratio", &[Indicator::Inr]),
    (r"凝血酶原活动度|凝血酶原活度|(?-i:PTA)|prothrombin (?:time )?activity", &[Indicator::Pta]),
    (r"凝血酶原时间|(?-i:PT)|prothrombin time", &[Indicator::Pt]),
    (r"胆碱酯酶|(?-i:CHE|ChE)|cholinesterase", &[Indicator::Che]),
    (r"血小板|platelets?|(?-i:PLT)", &[Indicator::Platelets]),
    (r"凝血功能|凝血指标|凝血|coagulation(?: function| parameters| indices| profile)?", &[Indicator::Coagulation]),
    (r"腹水|ascites", &[Indicator::Ascites]),
    (r"肝肾功能|liver and (?:renal|kidney) function", &[Indicator::LiverFunction, Indicator::RenalFunction]),
    (
        r"肾功能|renal function|kidney function|肌酐|creatinine|尿量|urine output|urine volume",
        &[Indicator::RenalFunction],
    ),
    (
        r"肝功能|肝脏功能|肝脏储备|肝储备|生化指标|生化|liver function|hepatic function|(?:liver|hepatic) (?:synthetic )?(?:reserve|capacity)|biochemical(?: (?:indices|indicators|parameters|markers|tests?|profile))?",
        &[Indicator::LiverFunction],
    ),
    (r"弹性|硬度|stiffness|elastograph\w*|fibroscan|(?-i:LSM|ARFI)", &[Indicator::LiverStiffness]),
    (
        r"纤维化|fibrosis|fibrotic|胶原|collagen|透明质酸|hyaluronic|层粘连蛋白|laminin|(?-i:PIIINP|PCIII|HA|LN|TGF)-?\s*β?\s*1?|α\s*-?\s*(?:SMA|平滑肌肌动蛋白)|alpha[- ]smooth muscle",
        &[Indicator::Fibrosis],
    ),
    (r"组织学|组织结构|病理|histolog\w*|histopatholog\w*|liver architecture", &[Indicator::Histology]),
    (r"肝脏体积|肝体积|liver volume|hepatic volume", &[Indicator::LiverVolume]),
    (r"脾脏|脾(?:长|厚|大|体积|径)|spleen|splenic (?:size|length|volume|index)|splenomegaly", &[Indicator::Spleen]),
    (
        r"无进展生存(?:率|期)?|progression-free survival|生存率|生存期|生存|存活率|存活|survival|(?-i:OS)",
        &[Indicator::Survival],
    ),
    (r"死亡率|病死率|死亡|mortality|deaths?", &[Indicator::Mortality]),
    (r"肝细胞癌|肝癌|(?-i:HCC)|hepatocellular carcinoma", &[Indicator::HccIncidence]),
    (r"疾病进程|病情进展|进展|预后|progression|prognosis|disease course", &[Indicator::DiseaseProgression]),
    (r"感染|infections?|败血症|sepsis|脓毒症", &[Indicator::Infection]),
    (
        r"并发症|complications?|肝性脑病|hepatic encephalopathy|肝肾综合征|hepatorenal|消化道出血|variceal bleeding|胆管炎|cholangitis",
        &[Indicator::Complications],
    ),
    (r"排斥|rejection|(?-i:a?GVHD)|移植物抗宿主", &[Indicator::Rejection]),
    (
        r"不良反应|不良事件|副作用|毒性|adverse (?:events?|effects?|reactions?)|side[- ]effects?|toxicit\w*|(?-i:AEs?|SAEs?)",
        &[Indicator::AdverseEvents],
    ),
    (r"生活质量|quality of life|life quality|(?-i:QoL|PBC-40|SF-36)", &[Indicator::QualityOfLife]),
    (
        r"临床表现|临床症状|症状|symptoms?|clinical (?:manifestations|signs)|乏力|疲劳|瘙痒|水肿|腹胀|纳差|fatigue|pruritus|itching|oedema|edema",
        &[Indicator::Symptoms],
    ),
    (
        r"炎症因子|促炎因子|炎性因子|inflammatory (?:markers|cytokines|factors)|(?-i:TNF)-?\s*α?|(?-i:IL)-?\s*(?:1β|6|17|1)|(?-i:LPS|CRP|hs-CRP)|内毒素|endotoxin|C反应蛋白|C-reactive",
        &[Indicator::InflammationMarkers],
    ),
    (
        r"调节性T细胞|(?-i:Tregs?|Th17|Th1|Th2)|(?-i:CD[348])\^?\+?(?:\s*/\s*(?-i:CD[348])\^?\+?)?(?:(?-i:CD25|Foxp3)\^?\+?)*\s*(?:T\s*)?(?:细胞|cells?)?(?:比例|比值|ratio)?|(?-i:IL)-?\s*10|immune (?:markers|cells)|免疫(?:细胞|指标)",
        &[Indicator::ImmuneMarkers],
    ),
    (
        r"甲胎蛋白|(?-i:AFP)|α\s*-?\s*(?-i:FP)|增殖细胞核抗原|(?-i:PCNA|HGF|Ki-?67)|肝细胞生长因子|hepatocyte growth factor|再生(?:相关)?因子|regenerat\w* (?:markers|factors)",
        &[Indicator::RegenerationMarkers],
    ),
];

/// Direction words (`outcome.findings[].direction`), before or after their indicator.
/// A return to normal comes first (`稳定在正常` is not `稳定`), then negated and limited
/// changes, then the specific phrases that contain a more general word (`恢复正常` before `恢复`).
pub(crate) const DIRECTIONS: &[(&str, Direction)] = &[
    (
        r"恢复正常|恢复至正常|降至正常|复常|接近正常|正常化|稳定在正常|趋于正常|normali[sz](?:ed|ation|e)|returned to normal|within normal",
        Direction::Normalized,
    ),
    (
        r"无(?:明显|显著)?(?:变化|改变|差异|区别)|无(?:统计学)?(?:意义|差异)|差异无统计学意义|(?:未|没有|无)(?:见|出现)?(?:明显|显著|持续)?(?:的)?(?:改善|变化|好转)|改善有限|有限的改善|(?:改善|变化|下降|升高|降低)(?:不明显|不显著)|相近|相似|相当|no (?:significant |obvious |marked )?(?:change|difference|improvement)s?|unchanged|not (?:significantly )?(?:changed|different|improved|altered)|did not (?:significantly )?(?:change|improve|differ)|similar|comparable|remained stable|stable|稳定|unaffected|not affected|未受影响|limited improvement",
        Direction::NoChange,
    ),
    (r"恶化|加重|变差|劣于|worsen\w*|deteriorat\w*|aggravat\w*", Direction::Worsened),
    (
        r"改善|好转|优化|优于|有利变化|恢复|缓解|improv\w*|better|ameliorat\w*|benefit\w*|recover\w*|restored|relief|relieved",
        Direction::Improved,
    ),
    (
        r"↑|⬆|升至|升到|提高至|增至|增加到|延长|prolong\w*|升高|提高|增加|上升|增高|增多|增强|增大|上调|高于|提升|回升|更高|较高|increas\w*|elevat\w*|rise|rose|raised|higher|longer|up-?regulat\w*|enhanced|greater|grew",
        Direction::Increased,
    ),
    (
        r"↓|⬇|降至|降到|下降至|减至|减少至|消失|disappear\w*|下降|降低|减少|减轻|减低|缩短|缩小|低于|下调|回落|更低|较低|更少|较少|减退|消退|延缓|decreas\w*|reduc\w*|lower(?:ed)?|fewer|less|shorter|declin\w*|fell|dropp?e?d?|down-?regulat\w*|diminish\w*|shorten\w*|alleviat\w*|attenuat\w*|slowed|slowing|delayed|resolved",
        Direction::Decreased,
    ),
];

/// The Chinese words the vocabulary tables write out whole (`输注`, `降低`, `血小板`): the
/// alternatives of their patterns that are nothing but two to eight ideographs. The segmenter
/// knows them beside the domain dictionary, so that a domain word the text around it reads
/// another way (`血小板减少` is `血小板` + `减少`) is not kept whole.
pub(crate) fn zh_words() -> Vec<&'static str> {
    fn patterns() -> impl Iterator<Item = &'static str> {
        let rows = |t: &'static [(&'static str, _)]| t.iter().map(|(p, _)| *p);
        rows(ROUTES)
            .chain(CELL_TYPES.iter().map(|(p, _)| *p))
            .chain(CELL_SOURCES.iter().map(|(p, _)| *p))
            .chain(CELL_ORIGINS.iter().map(|(p, _)| *p))
            .chain(CONDITION_CATEGORIES.iter().map(|(p, _)| *p))
            .chain(ETIOLOGIES.iter().map(|(p, _)| *p))
            .chain(INDICATORS.iter().map(|(p, _)| *p))
            .chain(DIRECTIONS.iter().map(|(p, _)| *p))
            .chain(ROUTE_NOISE.iter().copied())
            .chain(OUTCOME_NOISE.iter().copied())
            .chain([ROUTE_GENERIC, ROUTE_TAIL])
    }
    let mut words: Vec<&'static str> = patterns()
        .flat_map(|p| p.split(['|', '(', ')', ':', '?']))
        .filter(|w| (2..=8).contains(&w.chars().count()) && w.chars().all(crate::segment::is_cjk))
        .collect();
    words.sort_unstable();
    words.dedup();
    words
}

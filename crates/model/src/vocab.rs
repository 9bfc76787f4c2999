//! The closed vocabularies of SPEC.md.
//!
//! Each enum serializes in `snake_case` exactly as SPEC.md spells it, lists its members in
//! `ALL` (SPEC order) and gives its spelling with `as_str`.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
        pub enum $name {
            $(#[serde(rename = $text)] $variant,)+
        }

        impl $name {
            /// Every member, in SPEC.md order.
            pub const ALL: &'static [$name] = &[$($name::$variant,)+];

            /// The member's spelling in the output.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text,)+ }
            }

            /// The member spelled `text`, if any.
            pub fn from_name(text: &str) -> Option<Self> {
                match text { $($text => Some($name::$variant),)+ _ => None }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

vocabulary! {
    /// The route a cell product was given by (`route.routes`).
    RouteKind {
        PeripheralVein => "peripheral_vein",
        CentralVein => "central_vein",
        HepaticArtery => "hepatic_artery",
        PortalVein => "portal_vein",
        SplenicVein => "splenic_vein",
        Intrasplenic => "intrasplenic",
        Intrahepatic => "intrahepatic",
        OmentalVein => "omental_vein",
        Intraperitoneal => "intraperitoneal",
        Other => "other",
    }
}

vocabulary! {
    /// `cell.type`.
    CellType {
        Msc => "msc",
        MononuclearCells => "mononuclear_cells",
        Cd34Cells => "cd34_cells",
        Cd133Cells => "cd133_cells",
        Hsc => "hsc",
        HepatocyteLikeCells => "hepatocyte_like_cells",
        StromalVascularFraction => "stromal_vascular_fraction",
        StemCells => "stem_cells",
        Other => "other",
    }
}

vocabulary! {
    /// `cell.source`: the tissue the cells came from.
    CellSource {
        BoneMarrow => "bone_marrow",
        UmbilicalCord => "umbilical_cord",
        CordBlood => "cord_blood",
        Adipose => "adipose",
        PeripheralBlood => "peripheral_blood",
        Placenta => "placenta",
        Fetal => "fetal",
        Other => "other",
    }
}

vocabulary! {
    /// `cell.origin`.
    CellOrigin {
        Autologous => "autologous",
        Allogeneic => "allogeneic",
    }
}

vocabulary! {
    /// `condition.category`.
    ConditionCategory {
        Cirrhosis => "cirrhosis",
        DecompensatedCirrhosis => "decompensated_cirrhosis",
        CompensatedCirrhosis => "compensated_cirrhosis",
        LiverFailure => "liver_failure",
        AcuteOnChronicLiverFailure => "acute_on_chronic_liver_failure",
        AcuteLiverFailure => "acute_liver_failure",
        EndStageLiverDisease => "end_stage_liver_disease",
        LiverFibrosis => "liver_fibrosis",
        PrimaryBiliaryCholangitis => "primary_biliary_cholangitis",
        AutoimmuneHepatitis => "autoimmune_hepatitis",
        BiliaryAtresia => "biliary_atresia",
        Ascites => "ascites",
        ChronicHepatitis => "chronic_hepatitis",
        TransplantComplication => "transplant_complication",
        Other => "other",
    }
}

vocabulary! {
    /// `condition.etiology` (a set).
    Etiology {
        Hbv => "hbv",
        Hcv => "hcv",
        Alcohol => "alcohol",
        Autoimmune => "autoimmune",
        Drug => "drug",
        Wilson => "wilson",
        Metabolic => "metabolic",
        Nafld => "nafld",
        Cryptogenic => "cryptogenic",
        Other => "other",
    }
}

vocabulary! {
    /// `outcome.findings[].indicator`.
    Indicator {
        Alb => "alb",
        Tbil => "tbil",
        Alt => "alt",
        Ast => "ast",
        Ggt => "ggt",
        Alp => "alp",
        Igm => "igm",
        Inr => "inr",
        Pt => "pt",
        Pta => "pta",
        Che => "che",
        Platelets => "platelets",
        Coagulation => "coagulation",
        Meld => "meld",
        ChildPugh => "child_pugh",
        Sofa => "sofa",
        Ascites => "ascites",
        LiverFunction => "liver_function",
        RenalFunction => "renal_function",
        Fibrosis => "fibrosis",
        Histology => "histology",
        LiverStiffness => "liver_stiffness",
        LiverVolume => "liver_volume",
        Spleen => "spleen",
        Survival => "survival",
        Mortality => "mortality",
        HccIncidence => "hcc_incidence",
        DiseaseProgression => "disease_progression",
        Infection => "infection",
        Complications => "complications",
        Rejection => "rejection",
        AdverseEvents => "adverse_events",
        Symptoms => "symptoms",
        QualityOfLife => "quality_of_life",
        InflammationMarkers => "inflammation_markers",
        ImmuneMarkers => "immune_markers",
        RegenerationMarkers => "regeneration_markers",
        Other => "other",
    }
}

vocabulary! {
    /// `outcome.findings[].direction`.
    Direction {
        Increased => "increased",
        Decreased => "decreased",
        Improved => "improved",
        Worsened => "worsened",
        Normalized => "normalized",
        NoChange => "no_change",
    }
}

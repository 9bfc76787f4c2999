//! Pure functions that read the notations of stem-cell trial reports into SPEC.md values.
//!
//! No I/O: every function takes the raw text the extractor found and returns a [`Reading`]:
//! the SPEC.md value object (which always keeps `raw`) and the diagnostics for what was seen
//! but could not be read. A value the source gives as missing (`/`, `—`, `未报道`, `unclear`)
//! reads as its raw text with every normalized value null and no diagnostic.
//!
//! (The catalogue of accepted forms is documented per function; see each module.)

use trialex_model::{Cell, Condition, Diagnostic, Dose, FollowUp, Outcome, Route};

/// A normalized value and what could not be read of it.
#[derive(Debug, Clone, PartialEq)]
pub struct Reading<T> {
    pub value: T,
    /// Diagnostics with `study` and `span` unset: the caller knows those.
    pub diagnostics: Vec<Diagnostic>,
    /// The byte range of the input that the value was read from, when it is narrower than
    /// the whole input (a dose inside a sentence); the pipeline narrows `raw` and the span to it.
    pub matched: Option<std::ops::Range<usize>>,
}

impl<T> Reading<T> {
    pub fn ok(value: T) -> Self {
        Reading { value, diagnostics: Vec::new(), matched: None }
    }
}

/// Reads a dose (`3.2×10⁷`, `(1.0~10.0)×10 ⁵ /kg`, `0.5 × 106/kg`, `每次约1.2亿个` …).
pub fn dose(raw: &str) -> Reading<Dose> {
    Reading::ok(Dose { raw: raw.to_string(), ..Default::default() })
}

/// Reads a duration into days (`12 个月`, `48 周`, `5 ~ 17 个月`, `60 d` …).
pub fn follow_up(raw: &str) -> Reading<FollowUp> {
    Reading::ok(FollowUp { raw: raw.to_string(), ..Default::default() })
}

/// Reads the routes of administration (`外周或门静脉`, `hepatic artery`, `i.v.` …).
pub fn route(raw: &str) -> Reading<Route> {
    Reading::ok(Route { raw: raw.to_string(), ..Default::default() })
}

/// Reads a cell product (`UC-MSCs`, `G-CSF 动员的 BMSCs`, `autologous BM-MNC` …).
pub fn cell(raw: &str) -> Reading<Cell> {
    Reading::ok(Cell { raw: raw.to_string(), ..Default::default() })
}

/// Reads a condition (`乙型肝炎肝衰竭`, `decompensated HBV cirrhosis` …).
pub fn condition(raw: &str) -> Reading<Condition> {
    Reading::ok(Condition { raw: raw.to_string(), ..Default::default() })
}

/// Reads outcome findings (`ALB 升高, TBIL 下降, MELD 评分降低` …).
pub fn outcome(raw: &str) -> Reading<Outcome> {
    Reading::ok(Outcome { raw: raw.to_string(), ..Default::default() })
}

/// Reads a patient count (`72`, `n=219`, `共纳入72例`, `30 treatment, 15 control` → 45).
pub fn patient_count(_raw: &str) -> Option<u32> {
    None
}

/// Reads a publication year (`2016`, `2016年7月30日`, `Gaia et al, 2006`).
pub fn year(_raw: &str) -> Option<i32> {
    None
}

//! Prints the tables the extractor finds in a text file: each table's caption, layout and
//! columns (header and role), then every row's cells. A tool for looking at what a document's
//! tables read as.
//!
//! ```sh
//! cargo run --release -p trialex-extractor --example tables -- review.txt
//! ```

use trialex_extractor::table;

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: tables FILE");
        std::process::exit(2);
    };
    let bytes = match std::fs::read(&path) {
        Ok(bytes) => bytes,
        Err(e) => {
            eprintln!("tables: {path}: {e}");
            std::process::exit(1);
        }
    };
    let text = String::from_utf8_lossy(&bytes);
    let scan = table::find_tables(&text);
    for t in &scan.tables {
        let caption = t.caption.as_ref().map_or(String::new(), |c| format!("{} {}", c.label, c.text));
        println!("== table {} [{:?}] {caption}", t.index, t.layout);
        for (k, c) in t.columns.iter().enumerate() {
            println!("   col {k}: {:?} {:?}", c.header, c.role);
        }
        for (r, row) in t.rows.iter().enumerate() {
            let cells: Vec<String> =
                row.cells.iter().map(|c| c.as_ref().map_or("·".to_string(), |c| c.text.replace('\n', "⏎"))).collect();
            println!("   r{}: {}", r + 1, cells.join(" | "));
        }
    }
    for d in &scan.diagnostics {
        println!("-- {} {}: {}", d.severity.as_str(), d.code, d.message);
    }
}

//! Prints the text trialex-pdf extracts from a PDF.
//!
//! `cargo run -p trialex-pdf --example pdftext -- FILE.pdf [--password P] [--glyphs]`
//! (`--glyphs` dumps the positioned glyphs and rules instead, `--lines` the line fragments with
//! their boxes, to debug the layout rules).

use std::process::ExitCode;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let (mut file, mut password, mut glyphs, mut lines) = (None, None, false, false);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--password" => password = args.next(),
            "--glyphs" => glyphs = true,
            "--lines" => lines = true,
            _ => file = Some(arg),
        }
    }
    let Some(file) = file else {
        eprintln!("usage: pdftext FILE.pdf [--password P] [--glyphs | --lines]");
        return ExitCode::from(2);
    };
    let bytes = match std::fs::read(&file) {
        Ok(bytes) => bytes,
        Err(e) => {
            eprintln!("{file}: {e}");
            return ExitCode::FAILURE;
        }
    };
    if glyphs || lines {
        return dump_glyphs(&bytes, password.as_deref(), lines);
    }
    match trialex_pdf::extract(&bytes, password.as_deref()) {
        Ok(pdf) => {
            print!("{}", pdf.text);
            for (page, why) in &pdf.page_errors {
                eprintln!("{file}: page {page}: {why}");
            }
            for page in &pdf.pages_without_text {
                eprintln!("{file}: no text layer: page {page} needs OCR");
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{file}: {e}");
            ExitCode::FAILURE
        }
    }
}

fn dump_glyphs(bytes: &[u8], password: Option<&str>, as_lines: bool) -> ExitCode {
    let pages = match trialex_pdf::extract_pages(bytes, password) {
        Ok(pages) => pages,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    };
    for page in pages {
        match page {
            Ok(page) => {
                println!("# page {} {:.1}x{:.1}", page.number, page.width, page.height);
                for r in &page.rules {
                    println!("rule {:.2} {:.2} {:.2} {:.2}", r.x0, r.y0, r.x1, r.y1);
                }
                if as_lines {
                    for l in trialex_pdf::lines::build_lines(page.glyphs.clone()) {
                        println!("{:.1}\t{:.1}\t{:.1}\t{:.2}\t{}", l.x0, l.x1, l.baseline, l.size, l.text());
                    }
                    continue;
                }
                for g in &page.glyphs {
                    println!("{:.2}\t{:.2}\t{:.2}\t{:.2}\t{}", g.x, g.baseline, g.width, g.size, g.text);
                }
            }
            Err((number, why)) => println!("# page {number} failed: {why}"),
        }
    }
    ExitCode::SUCCESS
}

//! The baseline reader: any text as a `--baseline` file must parse or fail with an error,
//! never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(src) = std::str::from_utf8(data) else {
        return;
    };
    let _ = claimgraph::baseline::parse(std::path::Path::new("fuzz.baseline.json"), src);
});

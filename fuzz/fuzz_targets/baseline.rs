//! The baseline reader: any text as a `--baseline` file must parse or fail with an error,
//! never panic. Built only with `--features baseline`: the agreed entry point
//! `claimgraph::baseline::parse(&str) -> Result<_, _>` comes with the `--baseline` work on
//! another branch and is not in this one yet.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(src) = std::str::from_utf8(data) else {
        return;
    };
    let _ = claimgraph::baseline::parse(src);
});

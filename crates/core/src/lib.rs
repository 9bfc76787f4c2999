//! The trialex pipeline.

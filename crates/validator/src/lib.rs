//! Checks trialex output.

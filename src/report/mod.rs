//! Output for people and machines.

pub mod claims;
pub mod findings;

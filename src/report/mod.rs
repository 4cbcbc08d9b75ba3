//! Output for people and machines.

pub mod claims;
pub mod excerpt;
pub mod findings;
pub mod github;
pub mod junit;
pub mod position;
pub mod reporter;
pub mod sarif;

#[cfg(test)]
mod sample;

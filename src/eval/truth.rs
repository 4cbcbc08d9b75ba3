//! Three-valued logic: a requirement holds, fails, or cannot be told from the text.
//!
//! Only a definite failure becomes a finding. Kleene's rules: `and` fails if either side fails,
//! `or` holds if either side holds, `not` swaps holds and fails and keeps "cannot tell".

/// The outcome of a requirement.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Truth {
    Holds,
    Fails,
    Unknown,
}

impl Truth {
    pub fn from_bool(b: bool) -> Self {
        if b { Truth::Holds } else { Truth::Fails }
    }

    pub fn and(self, other: Truth) -> Truth {
        match (self, other) {
            (Truth::Fails, _) | (_, Truth::Fails) => Truth::Fails,
            (Truth::Holds, Truth::Holds) => Truth::Holds,
            _ => Truth::Unknown,
        }
    }

    pub fn or(self, other: Truth) -> Truth {
        match (self, other) {
            (Truth::Holds, _) | (_, Truth::Holds) => Truth::Holds,
            (Truth::Fails, Truth::Fails) => Truth::Fails,
            _ => Truth::Unknown,
        }
    }

    #[allow(clippy::should_implement_trait)]
    pub fn not(self) -> Truth {
        match self {
            Truth::Holds => Truth::Fails,
            Truth::Fails => Truth::Holds,
            Truth::Unknown => Truth::Unknown,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Truth::*;

    #[test]
    fn kleene_tables() {
        assert_eq!(Holds.and(Unknown), Unknown);
        assert_eq!(Fails.and(Unknown), Fails);
        assert_eq!(Holds.or(Unknown), Holds);
        assert_eq!(Fails.or(Unknown), Unknown);
        assert_eq!(Unknown.not(), Unknown);
        assert_eq!(Holds.not(), Fails);
    }
}

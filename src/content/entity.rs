//! `content/entities.yaml`: the people, countries, organizations and places facts refer to.

use super::{yaml, Origin};
use crate::diagnostic::Diagnostic;
pub use crate::model::record::{EntityFields, EntityKind};

/// An entity and where it was written.
#[derive(Debug, Clone)]
pub struct EntityEntry {
    /// Its slug (the key in `entities.yaml`).
    pub slug: String,
    /// Its fields.
    pub fields: EntityFields,
    /// Where it was written.
    pub origin: Origin,
}

/// The path of the entities file.
pub const PATH: &str = "content/entities.yaml";

/// Parses `entities.yaml`.
pub fn parse(text: &str) -> Result<Vec<EntityEntry>, Vec<Diagnostic>> {
    let schema: yaml::Schema = &[("*", yaml::fields_of::<EntityFields>())];
    super::parse_slug_map(text, PATH, schema, |slug, fields: EntityFields, origin| {
        EntityEntry {
            slug,
            fields,
            origin,
        }
    })
}

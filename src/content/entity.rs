//! `content/entities.yaml`: the people, countries, organizations and places facts refer to.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{yaml, Origin};
use crate::diagnostic::Diagnostic;

/// What kind of thing an entity is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    /// A person.
    Person,
    /// A country or state.
    Country,
    /// A government body, company, organization.
    Organization,
    /// A region, city or other place.
    Place,
}

/// The fields of one entity.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EntityFields {
    /// Its name as readers know it.
    pub name: String,
    /// Person, country, organization or place.
    pub kind: Option<EntityKind>,
    /// Its role ("President of Azerbaijan").
    pub role: Option<String>,
    /// Other names and spellings.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// A sentence or two about it.
    pub description: Option<String>,
}

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

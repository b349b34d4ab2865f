//! Stage 2, link: resolve every reference, verify every quote, derive what pages need.
//!
//! This is the only place that knows how content refers to other content. It turns the slugs
//! written in `content/` into indices, checking each one: fact -> article, entity, topic, fact
//! (`related`, `responds_to`), `claimed_by` -> entity; article -> entity, topic; comparison ->
//! fact; `key_figures` -> fact. It verifies every quote against its article (see [`quote`]),
//! checks that the facts of a comparison share a unit, and computes the backlinks. Each problem
//! is a diagnostic at the line of the offending reference, with the nearest existing slug.
//! References to files that failed to parse are not reported again.

pub mod check;
pub mod checks;
pub mod dates;
pub mod figures;
pub mod fragment;
pub mod grounding;
pub mod provenance;
pub mod quote;
pub mod reading;
pub mod trust;

use std::collections::BTreeMap;

use rayon::prelude::*;

use crate::content::{self, yaml, Content, Loaded, Origin, Unreadable};
use crate::diagnostic::Diagnostic;
use crate::model::date::{PartialDate, Window};
use crate::model::site::{
    self, Article, ArticleId, Citation, Comparison, ComparisonId, Entity, EntityId, FactId,
    Passage, QuotedTime, Settings, Site, Topic, When,
};
use crate::model::unit::{self, Units};
use check::OneFact;
use checks::Checklist;
use quote::Folds;
use reading::{Names, Quoted};

/// The kinds of things a reference can name.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Article,
    Fact,
    Entity,
    Topic,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::Article => "article",
            Kind::Fact => "fact",
            Kind::Entity => "entity",
            Kind::Topic => "topic",
        }
    }

    fn how_to_add(self, slug: &str) -> String {
        match self {
            Kind::Article => format!("add the article as content/articles/{slug}.md"),
            Kind::Fact => format!("add the fact as content/facts/{slug}.md"),
            Kind::Entity => format!("add `{slug}:` with a `name:` to content/entities.yaml"),
            Kind::Topic => format!("add `{slug}:` with a `title:` to content/topics.yaml"),
        }
    }
}

/// Slug -> index for every kind, and what failed to parse.
struct Index {
    articles: BTreeMap<String, usize>,
    facts: BTreeMap<String, usize>,
    entities: BTreeMap<String, usize>,
    topics: BTreeMap<String, usize>,
    unreadable: Unreadable,
    /// References to entities and topics while none is defined: one cause, reported once
    /// ([`Index::undefined_kinds`]) with their count and the first of them.
    /// Per kind: how many, and the first (by file and position) with its slug.
    undefined: std::sync::Mutex<BTreeMap<&'static str, (usize, Diagnostic, String)>>,
}

fn slug_map<'a>(slugs: impl Iterator<Item = &'a String>) -> BTreeMap<String, usize> {
    slugs.enumerate().map(|(i, s)| (s.clone(), i)).collect()
}

impl Index {
    /// The slugs of every record, and what could not be read.
    fn of(
        articles: &[Loaded<content::article::ArticleFile>],
        facts: &[FactFile],
        entities: &[content::entity::EntityEntry],
        topics: &[content::topic::TopicEntry],
        unreadable: Unreadable,
    ) -> Index {
        Index {
            articles: slug_map(articles.iter().map(|a| &a.slug)),
            facts: slug_map(facts.iter().map(|f| &f.slug)),
            entities: slug_map(entities.iter().map(|e| &e.slug)),
            topics: slug_map(topics.iter().map(|t| &t.slug)),
            unreadable,
            undefined: Default::default(),
        }
    }

    fn map(&self, kind: Kind) -> &BTreeMap<String, usize> {
        match kind {
            Kind::Article => &self.articles,
            Kind::Fact => &self.facts,
            Kind::Entity => &self.entities,
            Kind::Topic => &self.topics,
        }
    }

    fn is_unreadable(&self, kind: Kind, slug: &str) -> bool {
        match kind {
            Kind::Article => self.unreadable.articles.contains(slug),
            Kind::Fact => self.unreadable.facts.contains(slug),
            Kind::Entity => self.unreadable.entities,
            Kind::Topic => self.unreadable.topics,
        }
    }

    /// Resolves the reference at `path` of `origin` to the id of its record, or reports it.
    /// The path is written out only for a report: most references resolve.
    fn resolve<Id: From<usize>>(
        &self,
        kind: Kind,
        slug: &str,
        origin: &Origin,
        path: &dyn std::fmt::Display,
        problems: &mut Vec<Diagnostic>,
    ) -> Option<Id> {
        if let Some(&id) = self.map(kind).get(slug) {
            return Some(Id::from(id));
        }
        if self.is_unreadable(kind, slug) {
            return None;
        }
        let help = match yaml::nearest(slug, self.map(kind).keys().map(String::as_str)) {
            Some(near) => format!("did you mean `{near}`? Otherwise {}", kind.how_to_add(slug)),
            None => kind.how_to_add(slug),
        };
        let unknown = origin
            .error(
                &path.to_string(),
                format!("unknown {} `{slug}`", kind.name()),
            )
            .with_help(help);
        if self.map(kind).is_empty() && matches!(kind, Kind::Entity | Kind::Topic) {
            let mut undefined = self.undefined.lock().unwrap_or_else(|p| p.into_inner());
            let entry = undefined
                .entry(kind.name())
                .or_insert_with(|| (0, unknown.clone(), slug.to_string()));
            entry.0 += 1;
            if (&unknown.path, unknown.pos) < (&entry.1.path, entry.1.pos) {
                (entry.1, entry.2) = (unknown, slug.to_string());
            }
            return None;
        }
        problems.push(unknown);
        None
    }

    /// One error for each kind referenced while none of it is defined (an empty or missing
    /// `entities.yaml`), instead of one per reference.
    fn undefined_kinds(&self) -> Vec<Diagnostic> {
        let undefined = self.undefined.lock().unwrap_or_else(|p| p.into_inner());
        undefined
            .iter()
            .map(|(kind, (count, first, slug))| {
                if *count == 1 {
                    return first.clone();
                }
                let first = format!("{}, `{slug}`", first.location());
                let file = if *kind == "entity" { "entities" } else { "topics" };
                Diagnostic::error(
                    format!("content/{file}.yaml"),
                    format!("no {kind} is defined, but {count} references name one (the first: {first})"),
                )
                .with_help(format!("add them to content/{file}.yaml (`slug:` with its fields), or check that the file is not empty by mistake"))
            })
            .collect()
    }

    /// Resolves a list of references at `path.0`, `path.1`...; drops repeats.
    fn resolve_all<Id: From<usize> + Ord>(
        &self,
        kind: Kind,
        slugs: &[String],
        origin: &Origin,
        path: &str,
        problems: &mut Vec<Diagnostic>,
    ) -> Vec<Id> {
        let mut ids: Vec<Id> = slugs
            .iter()
            .enumerate()
            .filter_map(|(i, s)| {
                self.resolve(kind, s, origin, &format_args!("{path}.{i}"), problems)
            })
            .collect();
        ids.sort_unstable();
        ids.dedup();
        ids
    }
}

/// What the checks need from outside the content: the build date, and how strictly the site is
/// held.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct CheckOptions {
    /// The build date, in days since 1970-01-01 (for staleness).
    pub today: i64,
    /// Also warn about `reported` facts with a single source, and make the grounding
    /// warnings (names, dates) errors.
    pub strict: bool,
}

/// What linking a fact needs besides the fact and its articles' texts: the slugs, the articles
/// (their dates and addresses), the entity names, the known units and the checks to run.
struct Context<'a> {
    index: &'a Index,
    articles: &'a [Loaded<content::article::ArticleFile>],
    names: &'a Names,
    units: &'a Units,
    checks: CheckOptions,
    checklist: &'a Checklist,
}

/// Links `content` into a [`Site`], running every check of [`checks`]. The site is complete
/// only when no error is returned.
pub fn link(content: Content, checks: CheckOptions) -> (Site, Vec<Diagnostic>) {
    link_checked(content, checks, &Checklist::default())
}

/// Links `content` as [`link`] does, running the checks of `checklist`.
pub fn link_checked(
    content: Content,
    checks: CheckOptions,
    checklist: &Checklist,
) -> (Site, Vec<Diagnostic>) {
    link_with(content, checks, checklist, None)
}

/// What one link keeps for the next (`serve`): each fact linked, with what it was made under,
/// so that after an edit only the facts it could change are linked again.
#[derive(Default)]
pub struct Memo {
    /// The slugs of everything, what could not be read, and the checks, when the facts below
    /// were linked: they are reused only under the same.
    under: Option<Under>,
    /// Each fact linked, by id.
    facts: Vec<LinkedFact>,
}

/// What a [`Memo`]'s results depend on besides the files themselves.
struct Under {
    slugs: [Vec<String>; 4],
    unreadable: Unreadable,
    checks: CheckOptions,
}

impl Under {
    /// The slugs of `content`'s articles, facts, entities and topics.
    fn slugs(content: &Content) -> [Vec<&String>; 4] {
        [
            content.articles.iter().map(|a| &a.slug).collect(),
            content.facts.iter().map(|f| &f.slug).collect(),
            content.entities.iter().map(|e| &e.slug).collect(),
            content.topics.iter().map(|t| &t.slug).collect(),
        ]
    }

    fn of(content: &Content, checks: CheckOptions) -> Under {
        Under {
            slugs: Under::slugs(content).map(|s| s.into_iter().cloned().collect()),
            unreadable: content.unreadable.clone(),
            checks,
        }
    }

    /// True when `content` has the same slugs and unreadable files, checked the same way.
    fn holds(&self, content: &Content, checks: CheckOptions) -> bool {
        let same = |(kept, now): (&Vec<String>, &Vec<&String>)| kept.iter().eq(now.iter().copied());
        self.checks == checks
            && self.unreadable == content.unreadable
            && self.slugs.iter().zip(&Under::slugs(content)).all(same)
    }
}

/// Links `content` as [`link`] does, reusing from `memo` what the files `changed` (paths from
/// the site root) cannot have changed: the facts that neither changed nor quote a changed
/// article. Any other change (`site.yaml`, the entities, a file added, removed or unreadable,
/// or `changed` unknown) links everything again. Keeps what it made in `memo` for the next
/// time.
pub fn link_again(
    content: Content,
    checks: CheckOptions,
    memo: &mut Memo,
    changed: Option<&[String]>,
) -> (Site, Vec<Diagnostic>) {
    link_with(
        content,
        checks,
        &Checklist::default(),
        Some((memo, changed)),
    )
}

/// What a link may take from the last: its [`Memo`], and the files changed since.
struct Reuse<'m> {
    memo: &'m mut Memo,
    changed: &'m [String],
}

impl<'m> Reuse<'m> {
    /// What can be reused of `memo` for `content` after a change to the files `changed`: all
    /// but what they made when they are only articles and facts (or files outside `content/`,
    /// the theme), under the same slugs; nothing otherwise.
    fn new(
        memo: &'m mut Memo,
        changed: Option<&'m [String]>,
        content: &Content,
        checks: CheckOptions,
    ) -> Self {
        let is_edit = |f: &String| {
            f.starts_with("content/articles/")
                || f.starts_with("content/facts/")
                || !(f == "content" || f.starts_with("content/"))
        };
        let same = memo
            .under
            .as_ref()
            .is_some_and(|u| u.holds(content, checks));
        match changed {
            Some(changed) if same && changed.iter().all(is_edit) => Reuse { memo, changed },
            _ => {
                memo.under = Some(Under::of(content, checks));
                memo.facts.clear();
                Reuse { memo, changed: &[] }
            }
        }
    }

    fn edited(&self, origin: &Origin) -> bool {
        self.changed.contains(&origin.file)
    }

    /// Fact `i` as the last link made it, unless it or an article it quotes (`quoted`, of
    /// `articles`) changed.
    fn fact(
        &self,
        i: usize,
        fact: &content::fact::FactFile,
        quoted: &[usize],
        articles: &[Loaded<content::article::ArticleFile>],
    ) -> Option<LinkedFact> {
        let linked = self.memo.facts.get(i)?;
        let changed =
            self.edited(&fact.origin) || quoted.iter().any(|&a| self.edited(&articles[a].origin));
        (!changed).then(|| linked.clone())
    }

    /// Keeps this link's facts for the next: only those linked again (`fresh`) are new, unless
    /// the memo held none.
    fn keep(self, linked: &[(usize, LinkedFact)], fresh: &[usize]) {
        if self.memo.facts.len() == linked.len() {
            for &id in fresh {
                self.memo.facts[id] = linked[id].1.clone();
            }
        } else {
            self.memo.facts = linked.iter().map(|(_, fact)| fact.clone()).collect();
        }
    }
}

/// Links `content`, reusing what `memo` holds of the last link (in `serve`).
fn link_with(
    mut content: Content,
    checks: CheckOptions,
    checklist: &Checklist,
    memo: Option<(&mut Memo, Option<&[String]>)>,
) -> (Site, Vec<Diagnostic>) {
    content.articles.sort_by(|a, b| a.slug.cmp(&b.slug));
    content.facts.sort_by(|a, b| a.slug.cmp(&b.slug));
    content.entities.sort_by(|a, b| a.slug.cmp(&b.slug));
    content.topics.sort_by(|a, b| a.slug.cmp(&b.slug));
    content.comparisons.sort_by(|a, b| a.slug.cmp(&b.slug));
    let reuse = memo.map(|(memo, changed)| Reuse::new(memo, changed, &content, checks));
    let Content {
        site: config,
        articles,
        facts,
        entities,
        topics,
        comparisons,
        unreadable,
    } = content;
    let index = Index::of(&articles, &facts, &entities, &topics, unreadable);
    let names = Names::new(&entities);
    let units = Units::new(&config.units);
    let context = Context {
        index: &index,
        articles: &articles,
        names: &names,
        units: &units,
        checks,
        checklist,
    };
    let linked = link_facts(facts, &context, reuse);
    let mut problems = Vec::new();
    let mut site = Site {
        settings: settings(&config, checks.today),
        facts: Vec::with_capacity(linked.len()),
        ..Site::default()
    };
    let mut passages: Vec<Vec<Passage>> = vec![Vec::new(); articles.len()];
    for (fact, mut fact_problems, fact_passages) in linked {
        problems.append(&mut fact_problems);
        for (article, passage) in fact_passages {
            passages[article].push(passage);
        }
        site.facts.push(fact);
    }
    site.articles = link_articles(articles, passages, &index, &mut problems);
    site.entities = entities.iter().map(entity_of).collect();
    site.topics = topics.into_iter().map(topic_of).collect();
    site.comparisons = comparisons
        .into_iter()
        .map(|c| {
            let facts = link_comparison(&c, &index, &site.facts, &units, &mut problems);
            comparison_of(c, facts)
        })
        .collect();
    site.key_figures = key_figures(&config, &index, &mut problems);
    problems.extend(index.undefined_kinds());
    derive(&mut site);
    let whole = check::WholeSite {
        config: &config,
        entities: &entities,
        names: &names,
        today: checks.today,
    };
    problems.extend(check_site(&mut site, &whole, checks, checklist));
    default_key_figures(&mut site);
    // Every check that needs a file's text or its keys' places is done (a citation keeps the
    // place of its quote).
    for fact in &mut site.facts {
        fact.origin.slim();
    }
    for article in &mut site.articles {
        article.origin.slim();
    }
    (site, problems)
}

/// Links every fact (in parallel), or takes it from `reuse` when nothing it depends on
/// changed; in site order. The articles' texts are made and folded for matching while the
/// facts that quote them are linked, in the order of the first article they quote, so that
/// each is let go soon after it is made.
fn link_facts(
    facts: Vec<FactFile>,
    context: &Context,
    reuse: Option<Reuse<'_>>,
) -> Vec<LinkedFact> {
    // Each fact's articles, each once.
    let quoting: Vec<Vec<usize>> = facts
        .iter()
        .map(|f| quoted_articles(f, context.index))
        .collect();
    // The facts the last link made that can be reused (none in a build).
    let mut kept: Vec<Option<LinkedFact>> = match &reuse {
        Some(reuse) => facts
            .par_iter()
            .zip(&quoting)
            .enumerate()
            .map(|(i, (f, quoted))| reuse.fact(i, f, quoted, context.articles))
            .collect(),
        None => Vec::new(),
    };
    let is_kept = |id: usize| kept.get(id).is_some_and(Option::is_some);
    let mut in_order: Vec<(usize, (FactFile, Vec<usize>))> = facts
        .into_iter()
        .zip(quoting)
        .enumerate()
        .filter(|(id, _)| !is_kept(*id))
        .collect();
    in_order.sort_by_key(|(_, (_, articles))| articles.first().copied());
    let markdown = context.articles.iter().map(|a| a.body.as_str()).collect();
    let texts = Folds::new(markdown, in_order.iter().flat_map(|(_, (_, q))| q).copied());
    let fresh: Vec<usize> = match reuse {
        Some(_) => in_order.iter().map(|(id, _)| *id).collect(),
        None => Vec::new(),
    };
    let mut linked: Vec<(usize, LinkedFact)> = in_order
        .into_par_iter()
        .map(|(id, (fact, articles))| {
            let linked = link_fact(FactId(id), fact.into_owned(), context, &texts);
            for article in articles {
                texts.done(article);
            }
            (id, linked)
        })
        .collect();
    linked.extend(
        kept.iter_mut()
            .enumerate()
            .filter_map(|(id, k)| Some((id, k.take()?))),
    );
    linked.sort_by_key(|(id, _)| *id);
    if let Some(reuse) = reuse {
        reuse.keep(&linked, &fresh);
    }
    linked.into_iter().map(|(_, fact)| fact).collect()
}

/// Links each article: its entities and topics resolved, the passages quoted from it.
fn link_articles(
    articles: Vec<Loaded<content::article::ArticleFile>>,
    passages: Vec<Vec<Passage>>,
    index: &Index,
    problems: &mut Vec<Diagnostic>,
) -> Vec<Article> {
    let (made, article_problems): (Vec<Article>, Vec<Vec<Diagnostic>>) = articles
        .into_par_iter()
        .zip(passages)
        .map(|(a, passages)| {
            let mut problems = Vec::new();
            let a = a.into_owned();
            let (publication, entities, topics) = a.front.split();
            let o = &a.origin;
            let article = Article {
                entities: index.resolve_all(Kind::Entity, &entities, o, "entities", &mut problems),
                topics: index.resolve_all(Kind::Topic, &topics, o, "topics", &mut problems),
                slug: a.slug,
                publication,
                body: a.body,
                facts: Vec::new(),
                passages,
                origin: a.origin,
            };
            (article, problems)
        })
        .unzip();
    problems.extend(article_problems.into_iter().flatten());
    made
}

/// An entity as the site has it, before its backlinks are derived.
fn entity_of(e: &content::entity::EntityEntry) -> Entity {
    Entity {
        slug: e.slug.clone(),
        fields: e.fields.clone(),
        facts: Vec::new(),
        claims: Vec::new(),
        articles: Vec::new(),
    }
}

/// A topic as the site has it, before its backlinks are derived.
fn topic_of(t: content::topic::TopicEntry) -> Topic {
    Topic {
        slug: t.slug,
        fields: t.fields,
        facts: Vec::new(),
        articles: Vec::new(),
    }
}

/// A comparison as the site has it, of the linked `facts`.
fn comparison_of(c: content::comparison::ComparisonEntry, facts: Vec<FactId>) -> Comparison {
    Comparison {
        ratio: c.fields.ratio.unwrap_or(true),
        slug: c.slug,
        title: c.fields.title,
        note: c.fields.note,
        facts,
    }
}

/// The facts `key_figures` in `site.yaml` names, in the editor's order, each once.
fn key_figures(
    config: &content::settings::SiteConfig,
    index: &Index,
    problems: &mut Vec<Diagnostic>,
) -> Vec<FactId> {
    let mut ids = Vec::new();
    if let Some(origin) = &config.origin {
        for (i, slug) in config.key_figures.iter().enumerate() {
            let path = format_args!("key_figures.{i}");
            if let Some(id) = index.resolve(Kind::Fact, slug, origin, &path, problems) {
                if !ids.contains(&id) {
                    ids.push(id);
                }
            }
        }
    }
    ids
}

/// What is derived of the linked site before its checks (each fact's independence, and
/// whether it is historical), then the checks of the whole site in `checklist`.
fn check_site(
    site: &mut Site,
    whole: &check::WholeSite<'_>,
    checks: CheckOptions,
    checklist: &Checklist,
) -> Vec<Diagnostic> {
    let independence: Vec<site::Independence> = site
        .facts
        .iter()
        .map(|f| trust::independence(site, f))
        .collect();
    for (fact, independence) in site.facts.iter_mut().zip(independence) {
        fact.independence = independence;
    }
    let years = whole.config.historical_after;
    provenance::mark_historical(
        site,
        years.unwrap_or(provenance::DEFAULT_HISTORICAL_AFTER),
        checks.today,
    );
    let mut problems = Vec::new();
    for c in checklist
        .site
        .iter()
        .filter(|c| check::runs(c.strict, checks.strict))
    {
        problems.extend(check::as_held(
            (c.run)(site, whole),
            c.strict,
            checks.strict,
        ));
    }
    problems
}

/// How many entries a page of a long list shows when `site.yaml` does not say.
pub const DEFAULT_PAGE_SIZE: usize = 100;

fn settings(config: &content::settings::SiteConfig, today: i64) -> Settings {
    Settings {
        built: Some(PartialDate::from_days(today)),
        page_size: config.page_size.unwrap_or(DEFAULT_PAGE_SIZE),
        title: config.title.clone(),
        description: config.description.clone(),
        language: config.language.clone().unwrap_or_else(|| "en".to_string()),
        minify: config.minify,
        base_url: config.base_url.as_ref().map(|u| {
            if u.ends_with('/') {
                u.clone()
            } else {
                format!("{u}/")
            }
        }),
    }
}

/// The articles `fact` quotes that exist, each once, in the order its sources name them.
fn quoted_articles(fact: &content::fact::FactFile, index: &Index) -> Vec<usize> {
    let mut articles: Vec<usize> = Vec::new();
    for source in &fact.front.sources {
        if let Some(&a) = index.articles.get(&source.article) {
            if !articles.contains(&a) {
                articles.push(a);
            }
        }
    }
    articles
}

/// The error at a `unit:` line naming a unit that is not known: a currency's name becomes its
/// code, a typo the nearest unit, anything else a unit to declare.
fn unknown_unit(o: &Origin, written: &str, unknown: &unit::UnknownUnit) -> Diagnostic {
    if let Some(code) = unknown.money {
        return o
            .error("unit", format!("`{written}` is money: write `unit: {code}`"))
            .with_help(format!(
                "a currency is written as its ISO 4217 code (`{code}`; `CAD`, `AUD`… for other dollars) or its symbol (`$`, `€`, `£`), so its figures print as money"
            ));
    }
    let declare = format!("declare it in content/site.yaml under `units:` (`{written}: PLURAL`)");
    let help = match &unknown.nearest {
        Some(near) => format!("did you mean `{near}`? Otherwise {declare}"),
        None => format!("use a known unit (`USD`, `people`, `tons`, `percent`...) or {declare}"),
    };
    o.error("unit", format!("unknown unit `{written}`"))
        .with_help(help)
}

/// A fact file as loaded, shared with `serve`'s [`crate::load::Reading`].
type FactFile = Loaded<content::fact::FactFile>;

/// A linked fact, its problems, and the passages it quotes (by article).
type LinkedFact = (site::Fact, Vec<Diagnostic>, Vec<(usize, Passage)>);

fn link_fact(
    id: FactId,
    fact: content::fact::FactFile,
    context: &Context,
    texts: &Folds,
) -> LinkedFact {
    let index = context.index;
    let mut problems = Vec::new();
    let (mut statement, f) = fact.front.split();
    let o = &fact.origin;
    let mut unit_known = true;
    if let Some(written) = statement.unit.take() {
        if let Err(unknown) = context.units.check(&written) {
            unit_known = false;
            problems.push(unknown_unit(o, &written, &unknown));
        }
        statement.unit = Some(unit::canonical(&written).to_string());
    }
    let refs = FactRefs::resolve(id, &fact.slug, &f, o, index, &mut problems);
    problems.extend(unattributed_sourcing(&statement, &f, o));
    let cited = cite(id, &fact.slug, &f.sources, o, context, texts, &mut problems);
    // What a fact says is checked against its quotes only once they are all known to be in
    // their articles.
    if cited.all_found && cited.citations.len() == f.sources.len() {
        let written: Vec<&str> = f.sources.iter().map(|s| s.quote.as_str()).collect();
        let one = OneFact {
            statement: &statement,
            origin: o,
            written: &written,
            quotes: &cited.quotes,
            reported_by: refs.reported_by,
            names: context.names,
            today: context.checks.today,
            unit_known,
        };
        let strictly = context.checks.strict;
        for c in context
            .checklist
            .facts
            .iter()
            .filter(|c| check::runs(c.strict, strictly))
        {
            problems.extend(check::as_held((c.run)(&one), c.strict, strictly));
        }
    }
    let citations = cited.citations;
    let sources_undated = !citations.is_empty()
        && citations
            .iter()
            .all(|c| context.articles[c.article.0].front.published.is_none());
    let when = when(statement.date, &citations, sources_undated);
    let (first_reported, last_reported) = reported_between(&citations, context);
    let linked = site::Fact {
        entities: index.resolve_all(Kind::Entity, &f.entities, o, "entities", &mut problems),
        topics: index.resolve_all(Kind::Topic, &f.topics, o, "topics", &mut problems),
        claimed_by: refs.claimed_by,
        responds_to: refs.responds_to.filter(|&r| r != id),
        reported_by: refs.reported_by,
        first_reported,
        last_reported,
        historical: false,
        responses: Vec::new(),
        related: refs.related,
        comparisons: Vec::new(),
        citations,
        spread: Vec::new(),
        stale: false,
        when,
        sources_undated,
        independence: site::Independence::default(),
        slug: fact.slug,
        statement,
        note: fact.note,
        origin: fact.origin,
    };
    (linked, problems, cited.passages)
}

/// A fact's references to entities and other facts, resolved.
struct FactRefs {
    claimed_by: Option<EntityId>,
    responds_to: Option<FactId>,
    reported_by: Option<EntityId>,
    related: Vec<FactId>,
}

impl FactRefs {
    /// Resolves the references of fact `id` (`slug`), reporting a fact that answers or is
    /// related to itself.
    fn resolve(
        id: FactId,
        slug: &str,
        f: &content::fact::FactReferences,
        o: &Origin,
        index: &Index,
        problems: &mut Vec<Diagnostic>,
    ) -> FactRefs {
        let entity = |key: &'static str, s: &Option<String>, problems: &mut Vec<Diagnostic>| {
            s.as_ref()
                .and_then(|s| index.resolve(Kind::Entity, s, o, &key, problems))
        };
        let claimed_by = entity("claimed_by", &f.claimed_by, problems);
        let responds_to = f
            .responds_to
            .as_ref()
            .and_then(|s| index.resolve(Kind::Fact, s, o, &"responds_to", problems));
        let reported_by = entity("reported_by", &f.reported_by, problems);
        if responds_to == Some(id) {
            problems.push(
                o.error("responds_to", "a fact cannot respond to itself")
                    .with_help("name the fact this one answers"),
            );
        }
        let mut related = index.resolve_all(Kind::Fact, &f.related, o, "related", problems);
        if let Some(i) = f.related.iter().position(|s| *s == slug) {
            problems.push(
                o.error(
                    &format!("related.{i}"),
                    "a fact cannot be related to itself",
                )
                .with_help("remove it from `related`"),
            );
        }
        related.retain(|&r| r != id);
        FactRefs {
            claimed_by,
            responds_to,
            reported_by,
            related,
        }
    }
}

/// A fact's sources, cited: each quote found in its article (or reported where it is not).
struct Cited<'q> {
    citations: Vec<Citation>,
    /// Each quote read for its numbers and times.
    quotes: Vec<Quoted<'q>>,
    /// The passages it quotes, by article.
    passages: Vec<(usize, Passage)>,
    /// False when a quote is not in its article.
    all_found: bool,
}

/// Finds each quote of `sources` (of fact `id`, `slug`) in its article, and makes its citation.
fn cite<'q>(
    id: FactId,
    slug: &str,
    sources: &'q [content::fact::SourceRef],
    o: &Origin,
    context: &Context,
    texts: &Folds,
    problems: &mut Vec<Diagnostic>,
) -> Cited<'q> {
    let mut cited = Cited {
        citations: Vec::new(),
        quotes: Vec::new(),
        passages: Vec::new(),
        all_found: true,
    };
    for (i, source) in sources.iter().enumerate() {
        let path = format_args!("sources.{i}.article");
        let Some(article) =
            context
                .index
                .resolve::<usize>(Kind::Article, &source.article, o, &path, problems)
        else {
            continue;
        };
        let text = texts.get(article);
        let number = cited.citations.len() + 1;
        let fragment_url = match quote::find(&source.quote, &text) {
            Ok(ranges) => {
                let url = context.articles[article].front.url.as_deref();
                let fragment =
                    url.and_then(|url| fragment::fragment_url(url, &text.original, &ranges));
                let passage = Passage {
                    ranges,
                    fact: id,
                    citation: number - 1,
                };
                cited.passages.push((article, passage));
                fragment
            }
            Err(miss) => {
                cited.all_found = false;
                problems.push(misquote(o, i, &source.article, &miss));
                None
            }
        };
        let quoted = Quoted::new(&source.quote, context.articles[article].front.published);
        cited.citations.push(Citation {
            article: ArticleId(article),
            quote: source.quote.clone(),
            note: source.note.clone(),
            number,
            anchor: crate::model::page_ids::citation(slug, number),
            fragment_url,
            quote_at: o.pos(&format!("sources.{i}.quote")),
            times: quoted_times(&quoted),
        });
        cited.quotes.push(quoted);
    }
    cited
}

/// The relative times of a quote, each with the window its article's date gives it.
fn quoted_times(quoted: &Quoted<'_>) -> Vec<QuotedTime> {
    quoted
        .times
        .iter()
        .filter(|t| t.is_relative())
        .map(|t| QuotedTime {
            words: t.text.clone(),
            window: t.window(quoted.published),
        })
        .collect()
}

/// When a fact happened: its `date:`; else the first relative time in its quotes that its
/// article's date resolves; else undated when a quote's time or every source
/// (`sources_undated`) is undated.
fn when(date: Option<PartialDate>, citations: &[Citation], sources_undated: bool) -> When {
    if let Some(date) = date {
        return When::Date(date);
    }
    let times = || citations.iter().flat_map(|c| &c.times);
    if let Some((t, window)) = times().find_map(|t| t.window.map(|w| (t, w))) {
        return When::Window {
            window,
            words: t.words.clone(),
        };
    }
    if times().next().is_some() || sources_undated {
        When::Undated
    } else {
        When::NotStated
    }
}

/// The earliest and the latest `published` date of the articles `citations` quote.
fn reported_between(
    citations: &[Citation],
    context: &Context,
) -> (Option<PartialDate>, Option<PartialDate>) {
    let published = || {
        citations
            .iter()
            .filter_map(|c| context.articles[c.article.0].front.published)
    };
    (published().min(), published().max())
}

/// Errors for a `sourcing:` that says how a speaker's words reached the source, on a fact that
/// names no speaker (`claimed_by`) or no one they reached it through (`reported_by`).
fn unattributed_sourcing(
    statement: &crate::model::record::Statement,
    f: &content::fact::FactReferences,
    o: &Origin,
) -> Vec<Diagnostic> {
    use crate::model::value::Sourcing;
    if statement.sourcing == Sourcing::OnRecord {
        return Vec::new();
    }
    let sourcing = statement.sourcing.as_str();
    let mut problems = Vec::new();
    if f.reported_by.is_none() {
        problems.push(
            o.error("sourcing", format!("`sourcing: {sourcing}` needs `reported_by:`, the outlet or person whose report the assertion is known from"))
                .with_help("add `reported_by: SLUG` (an entity in entities.yaml), or remove `sourcing:` if the speaker said it on the record"),
        );
    }
    if f.claimed_by.is_none() {
        problems.push(
            o.error("sourcing", format!("`sourcing: {sourcing}` says how a speaker's words reached the source, but the fact names no speaker"))
                .with_help("add `claimed_by: SLUG`, the entity said to have said it"),
        );
    }
    problems
}

/// The diagnostic for a quote that is not in its article.
fn misquote(origin: &Origin, source: usize, article: &str, miss: &quote::Miss) -> Diagnostic {
    let path = format!("sources.{source}.quote");
    let message = if miss.parts == 0 {
        "the quote is only an ellipsis".to_string()
    } else if miss.parts > 1 {
        format!(
            "part {} of {} of this quote (\"{}\") is not in article `{article}`",
            miss.part + 1,
            miss.parts,
            miss.text
        )
    } else {
        format!("this quote is not in article `{article}`")
    };
    let help = if miss.out_of_order {
        "the part is in the article, but before the part that precedes it in the quote; quote the parts in the article's order".to_string()
    } else if miss.case_differs {
        "the article has these words with different capitals; copy them exactly".to_string()
    } else if let Some(closest) = &miss.closest {
        let differing = quote::differing_words(&miss.text, closest);
        let shown: Vec<String> = differing
            .iter()
            .take(5)
            .map(|(q, a)| {
                let side = |w: &str| {
                    if w.is_empty() {
                        "nothing".to_string()
                    } else {
                        format!("\"{w}\"")
                    }
                };
                format!("{} where the article has {}", side(q), side(a))
            })
            .collect();
        match shown.as_slice() {
            [] => format!("the closest passage in the article is: \"{closest}\""),
            _ => format!(
                "the closest passage in the article is: \"{closest}\"; the quote differs at {}{}",
                shown.join("; "),
                if differing.len() > 5 { "; …" } else { "" }
            ),
        }
    } else {
        "no passage of the article is like it; check that `article:` names the right article"
            .to_string()
    };
    origin.error(&path, message).with_help(help)
}

fn link_comparison(
    c: &content::comparison::ComparisonEntry,
    index: &Index,
    facts: &[site::Fact],
    units: &Units,
    problems: &mut Vec<Diagnostic>,
) -> Vec<FactId> {
    let o = &c.origin;
    if c.fields.ratio == Some(false) && c.fields.note.is_none() {
        problems.push(
            o.error("ratio", "`ratio: false` needs a `note:` saying why these figures are not set against each other")
                .with_help("add `note:` (\"The two budgets may not cover the same spending\")"),
        );
    }
    let mut ids: Vec<FactId> = Vec::new();
    let mut first_unit: Option<(&str, &str, FactId)> = None;
    for (i, slug) in c.fields.facts.iter().enumerate() {
        let path = format!("facts.{i}");
        let Some(id) = index.resolve(Kind::Fact, slug, o, &path, problems) else {
            continue;
        };
        if ids.contains(&id) {
            problems.push(o.error(&path, format!("fact `{slug}` is listed twice")));
            continue;
        }
        ids.push(id);
        let front = &facts[id].statement;
        if front.value.is_none() {
            problems.push(
                o.error(&path, format!("fact `{slug}` has no `value` to compare"))
                    .with_help("a comparison draws one bar per fact: give each fact a `value:`"),
            );
            continue;
        }
        let unit = front.unit.as_deref().unwrap_or("");
        match first_unit {
            None => first_unit = Some((unit, slug, id)),
            Some((unit0, slug0, id0)) if unit0 != unit => {
                let mixed = o
                    .error(
                        &path,
                        format!(
                            "mixed units: `{slug}` is in {} but `{slug0}` is in {}",
                            unit_name(unit),
                            unit_name(unit0)
                        ),
                    )
                    .with_help("compare only facts measured in the same unit");
                // An unknown unit is its fact's error; here it is only a consequence.
                let unknown = [(unit, id), (unit0, id0)]
                    .into_iter()
                    .find(|(u, _)| !u.is_empty() && !units.knows(u));
                problems.push(match unknown {
                    Some((_, fact)) => {
                        let origin = &facts[fact].origin;
                        let at = origin
                            .pos("unit")
                            .map_or(String::new(), |p| format!(":{}:{}", p.line, p.column));
                        mixed.following(format!("{}{at}", origin.file)).with_help(
                            "correct that fact's `unit:`: this comparison needs no change",
                        )
                    }
                    None => mixed,
                });
            }
            Some(_) => {}
        }
    }
    if c.fields.facts.len() < 2 {
        problems.push(
            o.error("facts", "a comparison needs at least two facts")
                .with_help("list two or more facts under `facts:`"),
        );
    }
    ids
}

fn unit_name(unit: &str) -> String {
    if unit.is_empty() {
        "no unit".to_string()
    } else {
        format!("`{unit}`")
    }
}

/// Computes backlinks, responses, the timeline and the default key figures.
fn derive(site: &mut Site) {
    // The links back between facts, made once every fact has been read.
    let mut responses: Vec<(FactId, FactId)> = Vec::new();
    let mut related: Vec<(FactId, FactId)> = Vec::new();
    for (id, fact) in site::ids::<FactId>(site.facts.len()).zip(&site.facts) {
        for c in &fact.citations {
            site.articles[c.article].facts.push(id);
        }
        for &e in &fact.entities {
            site.entities[e].facts.push(id);
        }
        for &t in &fact.topics {
            site.topics[t].facts.push(id);
        }
        if let Some(e) = fact.claimed_by {
            site.entities[e].claims.push(id);
        }
        responses.extend(fact.responds_to.map(|r| (r, id)));
        related.extend(fact.related.iter().map(|&r| (r, id)));
    }
    for (r, id) in responses {
        site.facts[r].responses.push(id);
    }
    for (r, id) in related {
        site.facts[r].related.push(id);
    }
    for id in site::ids::<ArticleId>(site.articles.len()) {
        for e in site.articles[id].entities.clone() {
            site.entities[e].articles.push(id);
        }
        for t in site.articles[id].topics.clone() {
            site.topics[t].articles.push(id);
        }
    }
    for c in site::ids::<ComparisonId>(site.comparisons.len()) {
        for f in site.comparisons[c].facts.clone() {
            site.facts[f].comparisons.push(c);
        }
    }
    fn sorted<T: Ord>(list: &mut Vec<T>) {
        list.sort_unstable();
        list.dedup();
    }
    for f in &mut site.facts {
        sorted(&mut f.related);
        sorted(&mut f.responses);
        sorted(&mut f.comparisons);
    }
    for a in &mut site.articles {
        sorted(&mut a.facts);
    }
    for e in &mut site.entities {
        sorted(&mut e.facts);
        sorted(&mut e.claims);
        sorted(&mut e.articles);
    }
    for t in &mut site.topics {
        sorted(&mut t.facts);
        sorted(&mut t.articles);
    }
    // A fact is placed by when it happened, else by when it was first reported.
    let span = |i: FactId| {
        let fact = &site.facts[i];
        let w = (fact.when.window()).or(fact.first_reported.map(Window::of))?;
        Some((w.first, std::cmp::Reverse(w.last)))
    };
    let (mut timeline, undated): (Vec<FactId>, Vec<FactId>) =
        site::ids(site.facts.len()).partition(|&i| span(i).is_some());
    timeline.sort_by_key(|&i| (span(i), i));
    site.timeline = timeline;
    site.undated = undated;
    site.updated = site
        .facts
        .iter()
        .filter_map(|f| f.statement.date)
        .chain(site.articles.iter().filter_map(|a| a.publication.published))
        .max();
}

/// Without `key_figures` in `site.yaml`: the six most recent facts with a figure — and of
/// facts whose figures disagree, only the preferred one.
fn default_key_figures(site: &mut Site) {
    if !site.key_figures.is_empty() {
        return;
    }
    let facts = &site.facts;
    let outranked = |i: FactId| {
        facts[i]
            .spread
            .iter()
            .any(|&o| facts[o].statement.preferred)
    };
    let mut figures: Vec<FactId> = site::ids::<FactId>(facts.len())
        .filter(|&i| {
            let f = &facts[i].statement;
            (f.value.is_some() || f.range.is_some()) && !outranked(i)
        })
        .collect();
    figures.sort_by_key(|&i| (std::cmp::Reverse(facts[i].statement.date), i));
    figures.truncate(6);
    site.key_figures = figures;
}

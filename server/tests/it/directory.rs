//! Searching and browsing the full real directory.

use app::{
    db::orgs,
    directory::{OrgKind, SearchQuery},
};
use gatehouse::import::import_bytes;

use crate::{
    on_both_databases,
    support::{shared_data, TestDb},
};

async fn full_directory(db: &TestDb) {
    for file in ["GDS.csv", "e1_new.csv", "change.csv"] {
        import_bytes(&db.pool, &shared_data(file), false).await.expect(file);
    }
}

/// The server's search (the in-memory index), checked on every call against the same search
/// run by the database: the two answer alike.
async fn search(db: &TestDb, q: &str) -> Vec<app::directory::OrgSummary> {
    search_both(db, &orgs::DirectoryCache::default(), q, 20).await
}

async fn search_both(
    db: &TestDb,
    cache: &orgs::DirectoryCache,
    q: &str,
    limit: usize,
) -> Vec<app::directory::OrgSummary> {
    let (query, cache) = (SearchQuery::parse(q), cache.clone());
    let (indexed, in_database) = db
        .pool
        .run(move |c| Ok((orgs::search(c, &cache, &query, limit)?, orgs::search_in_database(c, &query, limit)?)))
        .await
        .expect("search");
    assert_eq!(indexed, in_database, "{q}");
    indexed
}

/// Queries people type, from the directory itself: two and three characters from the start,
/// the middle and the end of names, two words, school-code and OID prefixes of every length.
/// Each gives the same answer from the index as from the database.
async fn index_answers_as_the_database(db: TestDb) {
    full_directory(&db).await;
    let cache = orgs::DirectoryCache::default();
    let names: Vec<(String, Option<String>, Option<String>)> = db
        .pool
        .run(|c| Ok(orgs::all_orgs(c)?.into_iter().step_by(97).map(|o| (o.name, o.oid, o.school_code)).collect()))
        .await
        .expect("orgs");
    let mut queries: Vec<String> = Vec::new();
    for (name, oid, code) in &names {
        let chars: Vec<char> = name.chars().collect();
        let n = chars.len();
        for (from, len) in [(0, 2), (0, 3), (n / 2, 2), (n.saturating_sub(2), 2)] {
            queries.push(chars.iter().skip(from).take(len).collect());
        }
        if let Some(oid) = oid {
            for cut in [10, 14, 18, oid.len()] {
                queries.push(oid.chars().take(cut).collect());
            }
        }
        if let Some(code) = code {
            queries.push(code[..3].to_string());
            queries.push(code.clone());
        }
    }
    queries.extend(
        ["台北 國小", "新北市 國中", "國小 屏東", "部", "2.16", "2.16.886.101.2", "01", "ＡＢ", "%", "_"]
            .map(String::from),
    );
    assert!(queries.len() > 400, "{}", queries.len());
    for q in &queries {
        search_both(&db, &cache, q, 20).await;
    }
    // A directory change (here an import) is seen by the next search of an index built before.
    assert!(search_both(&db, &cache, "測試新機關", 5).await.is_empty());
    let file = "機關名稱,OID,電話,地址,DN\n測試新機關,2.16.886.101.20003.20005.29999,,,\n";
    import_bytes(&db.pool, file.as_bytes(), false).await.expect("import");
    let hits = search_both(&db, &cache, "測試新機關", 5).await;
    assert_eq!(hits.iter().map(|h| h.name.as_str()).collect::<Vec<_>>(), ["測試新機關"]);
    assert_eq!(hits[0].parents.last().map(|p| p.name.as_str()), Some("教育部"));
}
on_both_databases!(search_index_answers_as_the_database, index_answers_as_the_database);

async fn searches(db: TestDb) {
    full_directory(&db).await;

    let hits = search(&db, "教育部").await;
    assert_eq!(hits[0].name, "教育部");
    assert_eq!(hits[0].oid.as_deref(), Some("2.16.886.101.20003.20005"));
    assert!(hits.iter().skip(1).all(|h| h.name.contains("教育部")));

    // 台 finds 臺 and the other way round.
    for q in ["台北", "臺北"] {
        let hits = search(&db, q).await;
        assert_eq!(hits.len(), 20, "{q}");
        assert!(hits.iter().any(|h| h.name.contains("臺北")), "{q}: {hits:?}");
        assert!(hits.iter().any(|h| h.name.contains("台北")), "{q}: {hits:?}");
    }

    let hits = search(&db, "2.16.886.101.20003.20005").await;
    assert_eq!(hits[0].name, "教育部");
    assert!(hits[1..].iter().all(|h| h.oid.as_deref().is_some_and(|o| o.starts_with("2.16.886.101.20003.20005."))));
    assert_eq!(hits[0].parents.iter().map(|p| p.name.as_str()).collect::<Vec<_>>(), ["行政院"]);

    let hits = search(&db, "2.16.886.101.20003.2000").await;
    assert!(hits.iter().any(|h| h.name == "教育部"));

    let hits = search(&db, "134785").await;
    assert_eq!(hits[0].school_code.as_deref(), Some("134785"));
    assert_eq!(hits[0].kind, OrgKind::School);

    // Several words must all appear.
    // The MOE list keeps the county apart and writes 國小; the OID list writes 國民小學.
    let hits = search(&db, "屏東 新園 國小").await;
    let names: Vec<&str> = hits.iter().map(|h| h.name.as_str()).collect();
    assert!(names.contains(&"縣立新園國小") && names.contains(&"屏東縣新園鄉瓦瑤國民小學"), "{names:?}");
    let taitung = hits.iter().filter(|h| h.county.as_deref() == Some("臺東縣")).count();
    assert_eq!(taitung, 0, "臺東縣's 新園國小 is not in 屏東: {names:?}");

    assert!(search(&db, "沒有這個機關名稱").await.is_empty());
    assert!(search(&db, "%").await.is_empty(), "LIKE wildcards are literal");
}
on_both_databases!(searches_find_the_right_organizations, searches);

async fn tree(db: TestDb) {
    full_directory(&db).await;
    let top = db.pool.run(|c| orgs::tree_level(c, None)).await.expect("top");
    assert_eq!(top.at.as_deref(), Some("2.16.886.101"));
    let labels: Vec<&str> = top.nodes.iter().map(|n| n.label.as_str()).collect();
    assert!(labels.contains(&"行政院") && labels.contains(&"總統府"), "{labels:?}");
    // The county arc has no row of its own; the DN names it.
    let miaoli = top.nodes.iter().find(|n| n.oid == "2.16.886.101.90007").expect("苗栗縣 arc");
    assert_eq!(miaoli.label, "苗栗縣");
    assert!(!miaoli.is_org && miaoli.child_count > 10);

    let level = db.pool.run(|c| orgs::tree_level(c, Some("2.16.886.101.90007"))).await.expect("苗栗縣");
    assert!(level.nodes.iter().any(|n| n.label == "苗栗縣政府" && n.is_org));
    let crumbs: Vec<&str> = level.crumbs.iter().map(|c| c.label.as_str()).collect();
    assert_eq!(crumbs.last(), Some(&"苗栗縣"));

    let edu = db.pool.run(|c| orgs::tree_level(c, Some("2.16.886.101.20003.20005"))).await.expect("教育部");
    assert!(edu.at_is_org);
    assert!(edu.nodes.iter().any(|n| n.label == "教育部國民及學前教育署"));
    let crumbs: Vec<&str> = edu.crumbs.iter().map(|c| c.label.as_str()).collect();
    assert_eq!(crumbs[crumbs.len() - 2..], ["行政院", "教育部"]);

    let bad = db.pool.run(|c| orgs::tree_level(c, Some("2.16.01"))).await;
    assert!(matches!(bad, Err(app::error::AppError::Invalid { .. })));
}
on_both_databases!(the_tree_browses_levels_with_labels, tree);

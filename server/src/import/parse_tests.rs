use super::*;

fn orgs(parsed: &Parsed) -> Vec<&OrgFields> {
    parsed
        .rows
        .iter()
        .filter_map(|r| match r {
            Row::Org { fields, .. } => Some(fields),
            Row::Rename { .. } | Row::Contact { .. } => None,
        })
        .collect()
}

#[test]
fn gds_with_bom_quotes_and_a_tab() {
    let file = "\u{FEFF}機關名稱,OID,電話,地址,DN\n\
        \"教育部\",\"2.16.886.101.20003.20005\",\"02-77366666\",\"台北市中山南路5號\",\"ou=教育部,o=行政院,c=TW\"\n\
        \"苗栗縣三義鄉公所\",\"\t2.16.886.101.90007.90013.20002\",,,\"o=鄉公所,l=三義鄉,l=苗栗縣,c=TW\"\n\
        \"名稱有\"\"引號\"\"\",\"2.16.886.1\",,,\n";
    let parsed = parse(file.as_bytes()).unwrap();
    assert_eq!(parsed.format, Format::Gds);
    assert!(parsed.rejected.is_empty(), "{:?}", parsed.rejected);
    let o = orgs(&parsed);
    assert_eq!(o.len(), 3);
    assert_eq!(o[0].name, "教育部");
    assert_eq!(o[0].dn.as_deref(), Some("ou=教育部,o=行政院,c=TW"));
    assert_eq!(o[0].county, None);
    assert_eq!(o[1].oid.as_deref(), Some("2.16.886.101.90007.90013.20002"));
    assert_eq!(o[1].county.as_deref(), Some("苗栗縣"));
    assert_eq!(o[1].phone, None);
    assert_eq!(o[2].name, "名稱有\"引號\"");
}

#[test]
fn gds_without_bom_and_with_org_code_in_any_position() {
    let file = "OrgCode,機關名稱,OID,電話,地址,DN\nA123456789,國史館,2.16.886.101.20002.20002,,,\nBAD,總統府,2.16.886.101.20002,,,\n";
    let parsed = parse(file.as_bytes()).unwrap();
    assert_eq!(parsed.format, Format::Gds);
    assert_eq!(orgs(&parsed)[0].agency_code.as_deref(), Some("A123456789"));
    assert_eq!(parsed.rejected, vec![Rejected { line: 3, reason: RejectReason::BadOrgCode("BAD".into()) }]);
}

#[test]
fn gds_broken_rows_are_rejected_with_line_and_reason() {
    let file = "機關名稱,OID,電話,地址,DN\n\
        甲,2.16.886.01,,,\n\
        ,2.16.886.2,,,\n\
        丙,2.16.886.3,,\n\
        丁,2..16,,,\n\
        戊,2.16.886.5,,,\n\
        己,2.16.886.5,,,\n\
        \n";
    let parsed = parse(file.as_bytes()).unwrap();
    let reasons: Vec<(u64, String)> = parsed.rejected.iter().map(|r| (r.line, r.reason.to_string())).collect();
    assert_eq!(reasons.len(), 5, "{reasons:?}");
    assert_eq!(reasons[0].0, 2);
    assert!(reasons[0].1.contains("OID") && reasons[0].1.contains("01"), "{}", reasons[0].1);
    assert_eq!(reasons[1], (3, "機關名稱 is empty".to_string()));
    assert_eq!(reasons[2], (4, "expected 5 columns, found 4".to_string()));
    assert!(reasons[3].1.contains("Part 2"), "{}", reasons[3].1);
    assert_eq!(reasons[4], (7, "duplicate of line 6".to_string()));
    assert_eq!(orgs(&parsed).len(), 1);
}

#[test]
fn moe_columns_are_found_by_name_in_any_order() {
    let official = "代碼,學校名稱,公/私立,縣市名稱,地址,電話,網址\n\
        011601,私立育才國小,私立,[01]新北市,[234]新北市永和區福和路125巷20號,(02)29214630,http://www.ytes.ntpc.edu.tw\n";
    let reordered = "縣市名稱,備註,學校名稱,網址,代碼,地址,電話,公/私立\n\
        [01]新北市,x,私立育才國小,http://www.ytes.ntpc.edu.tw,011601,[234]新北市永和區福和路125巷20號,(02)29214630,私立\n";
    let a = parse(official.as_bytes()).unwrap();
    let b = parse(reordered.as_bytes()).unwrap();
    assert_eq!(a.format, Format::MoeSchools);
    assert_eq!(b.format, Format::MoeSchools);
    assert_eq!(orgs(&a), orgs(&b));
    let school = orgs(&a)[0];
    assert_eq!(school.school_code.as_deref(), Some("011601"));
    assert_eq!(school.county.as_deref(), Some("新北市"));
    assert_eq!(school.address.as_deref(), Some("新北市永和區福和路125巷20號"));
    assert_eq!(school.kind, Some(OrgKind::School));
    assert_eq!(school.oid, None);
}

#[test]
fn moe_bad_codes_are_rejected() {
    let file = "代碼,學校名稱\n01160,短代碼國小\n01-601,怪代碼國小\n0001,某大學\n";
    let parsed = parse(file.as_bytes()).unwrap();
    assert_eq!(parsed.rejected.len(), 2);
    assert_eq!(parsed.rejected[0].reason, RejectReason::BadSchoolCode("01160".into()));
    assert_eq!(orgs(&parsed)[0].school_code.as_deref(), Some("0001"));
}

#[test]
fn renames() {
    let file = "old_name,new_name,old_oid,new_oid,change_date,ref\n\
        衛生署,衛生福利部,2.16.886.101.20003.20014,2.16.886.101.20003.20065,2013/7/23,https://example.gov.tw/a\n\
        內政部入出國及移民署,內政部移民署,2.16.886.101.20003.20001.20057,2.16.886.101.20003.20001.20057,2015/1/2,\n\
        壞,好,x.1,2.1,,\n";
    let parsed = parse(file.as_bytes()).unwrap();
    assert_eq!(parsed.format, Format::Renames);
    assert_eq!(parsed.rows.len(), 2);
    assert!(
        matches!(&parsed.rows[0], Row::Rename { old_oid, change_date: Some(d), .. } if old_oid == "2.16.886.101.20003.20014" && d == "2013/7/23")
    );
    assert_eq!(parsed.rejected[0].line, 4);
}

#[test]
fn whole_file_errors() {
    assert_eq!(parse(b"").unwrap_err(), ParseError::Empty);
    assert_eq!(parse(b"\xEF\xBB\xBF \n").unwrap_err(), ParseError::Empty);
    assert!(matches!(parse("name,id\na,1\n".as_bytes()).unwrap_err(), ParseError::UnknownHeader(h) if h == "name,id"));
    // Big5 bytes for 教育部 on line 2.
    let big5 = b"\xBE\xF7\xC3\xF6\xA6\x57\xBA\xD9,OID\n\xB1\xD0\xA8\x7C\xB3\xA1,2.16\n";
    assert_eq!(parse(big5).unwrap_err(), ParseError::NotUtf8 { line: 1 });
    let late = [&b"\xE6\xA9\x9F\xE9\x97\x9C\xE5\x90\x8D\xE7\xA8\xB1,OID\n"[..], b"\xB1\xD0,2.16\n"].concat();
    assert_eq!(parse(&late).unwrap_err(), ParseError::NotUtf8 { line: 2 });
}

#[test]
fn kinds_and_counties() {
    assert_eq!(infer_kind("屏東縣新園鄉瓦瑤國民小學"), OrgKind::School);
    assert_eq!(infer_kind("國防大學"), OrgKind::School);
    assert_eq!(infer_kind("教育部"), OrgKind::Agency);
    assert_eq!(infer_kind("環境保護暨安全衛生中心"), OrgKind::Agency);
    assert_eq!(county_from_dn("ou=教育部,o=行政院,c=TW"), None);
    assert_eq!(strip_bracket_code("新北市"), "新北市");
}

#[test]
fn contacts_by_their_own_headers_even_beside_an_org_name() {
    // The column names vary (公務信箱 for 電子郵件, 手機號碼 for 手機); a 機關名稱 column beside
    // them does not make it an OID list.
    let file = "機關代號,機關名稱,姓名,公務信箱,手機號碼,職稱\n\
        011601,私立育才國小,陳美玲,Chen@Demo.edu.tw,0912 345 678,教務主任\n\
        2.16.886.101.20003.20005,教育部,Mary Lin,mary@moe.gov.tw,0922-333444,\n\
        2.16.886.101.20003.020005,教育部,林二,lin@moe.gov.tw,0922333445,\n\
        011601,私立育才國小,陳美玲,chen@demo.edu.tw,0912345678,教務主任\n";
    let parsed = parse(file.as_bytes()).unwrap();
    assert_eq!(parsed.format, Format::Contacts);
    let Row::Contact { org, fields, .. } = &parsed.rows[0] else { panic!("a contact") };
    assert_eq!(
        (org.as_str(), fields.email.as_str(), fields.mobile.as_str(), fields.title.as_deref()),
        ("011601", "chen@demo.edu.tw", "0912-345678", Some("教務主任"))
    );
    assert_eq!(parsed.rows.len(), 2);
    // A leading zero in the OID; the same address again in the same organization.
    let reasons: Vec<(u64, bool)> = parsed
        .rejected
        .iter()
        .map(|r| (r.line, matches!(r.reason, RejectReason::Duplicate { first_line: 2 })))
        .collect();
    assert_eq!(reasons, [(4, false), (5, true)]);
}

// Any file at all: rows and refusals, or one reason for the whole file; never a panic.
proptest::proptest! {
    #[test]
    fn any_bytes_parse_or_say_why(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..2000)) {
        if let Err(e) = parse(&bytes) {
            proptest::prop_assert!(!e.to_string().is_empty());
        }
    }

    #[test]
    fn any_lines_under_each_known_header(
        header in proptest::sample::select(vec![
            "機關名稱,OID,電話,地址,DN",
            "代碼,學校名稱,縣市名稱,地址,電話",
            "old_name,new_name,old_oid,new_oid",
            "機關代號,姓名,電子郵件,手機",
        ]),
        lines in proptest::collection::vec("[^\n]{0,60}", 0..25),
    ) {
        let file = format!("{header}\n{}", lines.join("\n"));
        match parse(file.as_bytes()) {
            Ok(parsed) => proptest::prop_assert!(parsed.rows.len() <= lines.len()),
            Err(e) => proptest::prop_assert!(!e.to_string().is_empty()),
        }
    }
}

"""Interface texts in Dutch (default) and English. The KB content itself stays Dutch."""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    "app_title": {"nl": "Interventiewijzer", "en": "Intervention guide"},
    "app_caption": {
        "nl": "Criminaliteit in familienetwerken: interventies, juridische instrumenten, werkwijzen en partners.",
        "en": "Crime in family networks: interventions, legal instruments, working methods and partners.",
    },
    "privacy_note": {
        "nl": "Wat u typt blijft op deze computer: het wordt niet opgeslagen, gelogd of verstuurd.",
        "en": "What you type stays on this computer: it is not stored, logged or sent anywhere.",
    },
    "loading": {"nl": "Kennisbank en model laden…", "en": "Loading knowledge base and model…"},
    "broken_banner": {
        "nl": "{count} bestand(en) in de kennisbank bevatten fouten en worden overgeslagen: {files}. "
        "De overige vermeldingen zijn gewoon beschikbaar; zie Beheer.",
        "en": "{count} knowledge-base file(s) contain errors and are skipped: {files}. "
        "All other entries are available; see Beheer.",
    },
    # pages
    "page_casus": {"nl": "Casus", "en": "Case"},
    "page_kennisbank": {"nl": "Kennisbank", "en": "Knowledge base"},
    "page_beheer": {"nl": "Beheer", "en": "Maintenance"},
    "page_workshop": {"nl": "Workshop", "en": "Workshop"},
    "page_lokale_analyse": {"nl": "Lokale analyse", "en": "Local analysis"},
    # casus
    "casus_title": {"nl": "Casus verkennen", "en": "Explore a case"},
    "casus_intro": {
        "nl": "Beschrijf de situatie (gebruik geen namen) en kies de kenmerken die u kent. "
        "U krijgt interventies, juridische instrumenten, werkwijzen en partners, met de reden erbij.",
        "en": "Describe the situation (no names) and pick the characteristics you know. "
        "You get interventions, legal instruments, working methods and partners, with the reasons.",
    },
    "description": {"nl": "Beschrijving van de situatie", "en": "Description of the situation"},
    "description_help": {
        "nl": "Vrije tekst in het Nederlands of Engels, ten hoogste {max} tekens. Gebruik pseudoniemen; de tekst wordt gecontroleerd op persoonsgegevens.",
        "en": "Free text in Dutch or English, at most {max} characters. Use pseudonyms; the text is checked for personal data.",
    },
    "text_too_long": {
        "nl": "De beschrijving is langer dan {max} tekens; kort haar in.",
        "en": "The description is longer than {max} characters; please shorten it.",
    },
    "case_save": {"nl": "Casus opslaan", "en": "Save case"},
    "case_save_help": {
        "nl": "Een bestand op uw eigen computer, met de beschrijving en de kenmerken; de server bewaart niets.",
        "en": "A file on your own computer, with the description and characteristics; the server keeps nothing.",
    },
    "case_open": {"nl": "Casus openen", "en": "Open a case"},
    "case_open_failed": {
        "nl": "Het bestand kon niet worden geopend: {error}.",
        "en": "The file could not be opened: {error}.",
    },
    "pii_naam": {"nl": "naam van een persoon", "en": "name of a person"},
    "pii_bsn": {"nl": "burgerservicenummer (BSN)", "en": "citizen service number (BSN)"},
    "pii_telefoon": {"nl": "telefoonnummer", "en": "phone number"},
    "pii_email": {"nl": "e-mailadres", "en": "e-mail address"},
    "pii_adres": {"nl": "postcode met huisnummer of adres", "en": "postcode or street address"},
    "pii_datum": {"nl": "(geboorte)datum", "en": "(birth) date"},
    "notice_cut": {
        "nl": "De beschrijving is ingekort tot de eerste {count} tekens voor het zoeken.",
        "en": "The description was cut to its first {count} characters for the search.",
    },
    "notice_from_link": {
        "nl": "Geopend via een gedeelde link: alleen de kenmerken zijn meegekomen. De afzender gaf ook "
        "een beschrijving; zijn of haar antwoord kan daardoor afwijken.",
        "en": "Opened from a shared link: only the characteristics came along. The sender also gave a "
        "description, so their answer may differ.",
    },
    "notice_inferred": {
        "nl": "Afgeleid uit de beschrijving (niet zelf gekozen): {facets}.",
        "en": "Derived from the description (not chosen): {facets}.",
    },
    "results_intro": {
        "nl": "Gegroepeerd per soort; het nummer is de plaats in de hele lijst.",
        "en": "Grouped by type; the number is the place in the whole list.",
    },
    "rank_score": {
        "nl": "plaats {rank} van {total} · score {score}",
        "en": "rank {rank} of {total} · score {score}",
    },
    "score_help": {
        "nl": "De score is de som van de onderdelen onder ‘Waarom deze suggestie?’: betekenis, trefwoorden "
        "en kenmerken samen ten hoogste 1, plus een versterking voor combinaties en voor vergelijkbare "
        "casussen. Daardoor kan de score boven 1 komen. Alleen de volgorde telt, niet het getal zelf.",
        "en": "The score is the sum of the parts under ‘Why this suggestion?’: meaning, keywords and "
        "characteristics together at most 1, plus a boost for combinations and for similar cases. "
        "So a score can exceed 1. Only the order matters, not the number itself.",
    },
    "part_total": {"nl": "totaal", "en": "total"},
    "side_zorg": {"nl": "zorg", "en": "care"},
    "side_veiligheid": {"nl": "veiligheid", "en": "security"},
    "side_samenwerking": {"nl": "samenwerking", "en": "collaboration"},
    "role_uitvoering": {"nl": "voert uit", "en": "delivers"},
    "role_regie": {"nl": "regie over", "en": "coordinates"},
    "role_besluit": {"nl": "besluit over", "en": "decides on"},
    "role_verwijzer": {"nl": "verwijst naar", "en": "refers to"},
    "role_informatie": {"nl": "levert informatie voor", "en": "provides information for"},
    "role_works_on": {"nl": "werkt op", "en": "works on"},
    "role_fits": {"nl": "past bij de beschreven situatie", "en": "fits the described situation"},
    "print_back": {"nl": "Terug naar de casus", "en": "Back to the case"},
    "print_include_text": {
        "nl": "Beschrijving meeprinten (alleen gepseudonimiseerd gebruiken)",
        "en": "Print the description too (pseudonymised only)",
    },
    "phenomena": {"nl": "Fenomenen", "en": "Phenomena"},
    "domains": {"nl": "Domeinen", "en": "Domains"},
    "age_groups": {"nl": "Leeftijdsgroepen", "en": "Age groups"},
    "choose": {"nl": "Kies…", "en": "Choose…"},
    "age": {"nl": "Leeftijd (jaren)", "en": "Age (years)"},
    "age_help": {
        "nl": "Vul een leeftijd in óf kies leeftijdsgroepen.",
        "en": "Enter an age or choose age groups.",
    },
    "roles": {"nl": "Rollen", "en": "Roles"},
    "levels": {"nl": "Niveau", "en": "Level"},
    "search": {"nl": "Zoek passende aanpak", "en": "Find matching approaches"},
    "start_hint": {
        "nl": "Vul een beschrijving in of kies minstens één kenmerk en klik op ‘Zoek passende aanpak’.",
        "en": "Enter a description or choose at least one characteristic and click ‘Find matching approaches’.",
    },
    "empty_profile": {
        "nl": "Geef een beschrijving of kies minstens één kenmerk (fenomeen, domein, leeftijd, rol of niveau).",
        "en": "Give a description or choose at least one characteristic (phenomenon, domain, age, role or level).",
    },
    "age_conflict": {
        "nl": "De leeftijd {age} valt buiten de gekozen leeftijdsgroepen; alleen de leeftijd wordt gebruikt.",
        "en": "Age {age} lies outside the chosen age groups; only the age is used.",
    },
    "pii_found": {
        "nl": "De beschrijving lijkt persoonsgegevens te bevatten: {kinds}. Gebruik liever de "
        "gepseudonimiseerde versie. Er wordt niets opgeslagen, maar een casusbeschrijving hoort "
        "geen herleidbare gegevens te bevatten.",
        "en": "The description seems to contain personal data: {kinds}. Prefer the pseudonymised "
        "version. Nothing is stored, but a case description should not identify anyone.",
    },
    "pii_pseudonymised": {"nl": "Gepseudonimiseerde versie", "en": "Pseudonymised version"},
    "use_pseudonymised": {
        "nl": "Gebruik de gepseudonimiseerde tekst",
        "en": "Use the pseudonymised text",
    },
    "continue_anyway": {"nl": "Doorgaan met mijn tekst", "en": "Continue with my text"},
    "results_tab": {"nl": "Alle suggesties op volgorde", "en": "All suggestions in order"},
    "plan_tab": {"nl": "Plan (zorg en veiligheid)", "en": "Plan (care and security)"},
    "partners_tab": {"nl": "Partners", "en": "Partners"},
    "export_tab": {"nl": "Exporteren en delen", "en": "Export and share"},
    "why": {"nl": "Waarom deze suggestie?", "en": "Why this suggestion?"},
    "matched_facets": {"nl": "Overeenkomende kenmerken", "en": "Matching characteristics"},
    "best_passage": {"nl": "Best passende passage", "en": "Best matching passage"},
    "score_parts": {"nl": "Opbouw van de score", "en": "Score breakdown"},
    "part_dense": {"nl": "betekenis", "en": "meaning"},
    "part_lexical": {"nl": "trefwoorden", "en": "keywords"},
    "part_facets": {"nl": "kenmerken", "en": "characteristics"},
    "part_combination": {"nl": "combinatie", "en": "combination"},
    "part_cases": {"nl": "vergelijkbare casussen", "en": "similar cases"},
    "part_situation": {"nl": "situatie", "en": "situation"},
    "situation_why": {
        "nl": "Bedoeld voor wat de casus toont",
        "en": "Made for what the case shows",
    },
    "part_contra": {"nl": "past niet als", "en": "contra-indication"},
    "frame_title": {"nl": "Zo lezen wij de situatie", "en": "How we read the situation"},
    "frame_kind": {"nl": "Soort vraag: {kind}", "en": "Kind of question: {kind}"},
    "frame_subject": {"nl": "om wie het gaat", "en": "the person it is about"},
    "frame_signals": {"nl": "Signalen", "en": "Signals"},
    "frame_negated": {
        "nl": "Uitdrukkelijk niet aan de orde: {signals}",
        "en": "Explicitly not the case: {signals}",
    },
    "frame_correct": {
        "nl": "Lezing corrigeren (huishouden, netwerk, signalen)",
        "en": "Correct the reading (household, network, signals)",
    },
    "frame_correct_help": {
        "nl": "Klopt dit niet? Pas het huishouden en het netwerk aan (alleen relatie, leeftijd en rol, geen namen) of de signalen, en zoek opnieuw.",
        "en": "Not right? Correct the household and network (relation, age and role only, no names) or the signals, and search again.",
    },
    "frame_col_relation": {"nl": "Relatie", "en": "Relation"},
    "frame_relation_help": {
        "nl": "Bijvoorbeeld jongen, moeder, oom, broertje.",
        "en": "For example boy, mother, uncle, little brother.",
    },
    "frame_col_age": {"nl": "Leeftijd", "en": "Age"},
    "frame_col_role": {"nl": "Rol", "en": "Role"},
    "frame_col_subject": {"nl": "Gaat om", "en": "Subject"},
    "frame_apply": {"nl": "Casusbeeld toepassen en opnieuw zoeken", "en": "Apply and search again"},
    "plan_empty": {
        "nl": "Geen stappen die bij deze casus passen; pas de beschrijving of het casusbeeld aan.",
        "en": "No steps fit this case; adjust the description or the reading of the situation.",
    },
    "plan_by": {"nl": "Wie voert uit", "en": "Carried out by"},
    "plan_step": {"nl": "Stap {step}", "en": "Step {step}"},
    "plan_first_step": {"nl": "Eerste stap", "en": "First step"},
    "tension_title": {"nl": "Vraag voor het casusoverleg", "en": "Question for the case meeting"},
    "package_intro": {
        "nl": "Dezelfde stappen als tabel, met de kant van de aanpak en alle betrokken partners.",
        "en": "The same steps as a table, with the side of the approach and every partner involved.",
    },
    "group_organisation": {"nl": "Voor de organisatie", "en": "For the organisation"},
    "group_cases": {"nl": "Stappen in een casus", "en": "Steps in a case"},
    "group_elsewhere": {"nl": "Elders ontwikkeld", "en": "Developed elsewhere"},
    "elsewhere_note": {
        "nl": "Ontwikkeld in {region}; ga na of er bij u iets vergelijkbaars bestaat.",
        "en": "Developed in {region}; check whether something similar exists where you are.",
    },
    "group_not_fitting": {"nl": "Past niet omdat …", "en": "Does not fit because …"},
    "safety_first_note": {
        "nl": "Eerst: veiligheid. Iemand in deze casus is nu onveilig.",
        "en": "First: safety. Someone in this case is unsafe now.",
    },
    "decides": {"nl": "Wie besluit", "en": "Who decides"},
    "combines_with": {"nl": "Combineert met", "en": "Combines with"},
    "similar_cases": {"nl": "Gekozen in vergelijkbare casus", "en": "Chosen in similar case"},
    "open_entry": {"nl": "Open in de kennisbank", "en": "Open in the knowledge base"},
    "type_interventie": {"nl": "Interventies", "en": "Interventions"},
    "type_instrument": {"nl": "Juridische instrumenten", "en": "Legal instruments"},
    "type_werkwijze": {"nl": "Werkwijzen", "en": "Working methods"},
    "type_partner": {"nl": "Partners", "en": "Partners"},
    "plan_intro": {
        "nl": "Het plan voor het gezin: per baan de stappen die het best passen, voor wie, wie ze uitvoert en waarom; veiligheid eerst als iemand onveilig is.",
        "en": "The plan for the family: per lane the steps that fit best, for whom, who carries them out and why; safety first when someone is unsafe.",
    },
    "col_part": {"nl": "Onderdeel", "en": "Component"},
    "col_type": {"nl": "Soort", "en": "Type"},
    "col_side": {"nl": "Kant", "en": "Side"},
    "col_who": {"nl": "Wie voert uit / besluit", "en": "Who delivers / decides"},
    "col_why": {"nl": "Waarom", "en": "Why"},
    "print_view": {"nl": "Printweergave", "en": "Print view"},
    "print_hint": {
        "nl": "Gebruik Ctrl+P (of Cmd+P) om af te drukken; menu, knoppen en deze regels worden niet geprint.",
        "en": "Press Ctrl+P (or Cmd+P) to print; menus, buttons and these lines are left out.",
    },
    "partners_intro": {
        "nl": "Te betrekken partners, gerangschikt op hun rol bij de voorgestelde aanpak.",
        "en": "Partners to involve, ranked by their role in the suggested approach.",
    },
    "network_show": {
        "nl": "Toon het netwerkplaatje",
        "en": "Show the network picture",
    },
    "network": {
        "nl": "Netwerk: partners en wat zij uitvoeren",
        "en": "Network: partners and what they deliver",
    },
    "download_md": {"nl": "Download plan (Markdown)", "en": "Download plan (Markdown)"},
    "download_docx": {"nl": "Download plan (Word)", "en": "Download plan (Word)"},
    "include_description": {
        "nl": "Beschrijving opnemen in de export (alleen gepseudonimiseerd gebruiken)",
        "en": "Include the description in the export (pseudonymised only)",
    },
    "share": {"nl": "Deelbare link", "en": "Shareable link"},
    "share_show": {"nl": "Toon de deelbare link", "en": "Show the shareable link"},
    "share_help": {
        "nl": "De link bewaart alleen de gekozen kenmerken, nooit de beschrijving.",
        "en": "The link keeps only the chosen characteristics, never the description.",
    },
    "notice": {"nl": "Let op", "en": "Note"},
    # kennisbank
    "kb_title": {"nl": "Kennisbank", "en": "Knowledge base"},
    "kb_intro": {
        "nl": "Blader door alle vermeldingen, filter op kenmerken of zoek op trefwoord.",
        "en": "Browse all entries, filter by characteristic or search by keyword.",
    },
    "kb_search": {"nl": "Zoeken", "en": "Search"},
    "kb_types": {"nl": "Soort", "en": "Type"},
    "kb_evidence": {"nl": "Erkenning", "en": "Recognition"},
    "kb_status": {"nl": "Status", "en": "Status"},
    "kb_count": {"nl": "{count} vermeldingen", "en": "{count} entries"},
    "kb_no_match": {
        "nl": "Geen resultaten: geen vermelding bevat deze woorden of lijkt er genoeg op.",
        "en": "No results: no entry contains these words or is close enough in meaning.",
    },
    "kb_none": {
        "nl": "Geen vermeldingen met deze filters.",
        "en": "No entries match these filters.",
    },
    "back": {"nl": "← Terug naar het overzicht", "en": "← Back to the list"},
    "not_found": {
        "nl": "Vermelding ‘{id}’ bestaat niet (meer).",
        "en": "Entry ‘{id}’ does not exist.",
    },
    "decision_maker": {"nl": "Wie besluit", "en": "Who decides"},
    "partners": {"nl": "Partners", "en": "Partners"},
    "legal_basis": {"nl": "Wettelijke grondslag", "en": "Legal basis"},
    "sources": {"nl": "Bronnen", "en": "Sources"},
    "related": {"nl": "Verwante vermeldingen", "en": "Related entries"},
    "alternatives": {"nl": "Alternatieven", "en": "Alternatives"},
    "shared_partners": {"nl": "Met dezelfde partners", "en": "With the same partners"},
    "mandate": {"nl": "Mandaat", "en": "Mandate"},
    "access": {"nl": "Bereikbaarheid", "en": "How to reach"},
    "carries_out": {"nl": "Betrokken bij", "en": "Involved in"},
    "reviewed": {
        "nl": "Laatst beoordeeld: {date} · status: {status}",
        "en": "Last reviewed: {date} · status: {status}",
    },
    "ages": {"nl": "Leeftijd {low}–{high} jaar", "en": "Age {low}–{high}"},
    # beheer
    "beheer_title": {"nl": "Beheer van de kennisbank", "en": "Knowledge-base maintenance"},
    "validation": {"nl": "Validatierapport", "en": "Validation report"},
    "validation_ok": {
        "nl": "Geen problemen: {entries} vermeldingen en {cases} casussen zijn geldig.",
        "en": "No problems: {entries} entries and {cases} cases are valid.",
    },
    "validation_problems": {
        "nl": "{count} problemen in {files} bestanden. Geldige vermeldingen blijven beschikbaar.",
        "en": "{count} problems in {files} files. Valid entries remain available.",
    },
    "coverage": {"nl": "Dekking: fenomeen × domein", "en": "Coverage: phenomenon × domain"},
    "review_due": {"nl": "Te herzien", "en": "Due for review"},
    "review_age": {"nl": "Ouder dan (dagen)", "en": "Older than (days)"},
    "review_none": {"nl": "Geen vermeldingen om te herzien.", "en": "No entries due for review."},
    "duplicates": {"nl": "Mogelijke dubbelingen", "en": "Possible duplicates"},
    "duplicates_threshold": {"nl": "Drempel (cosinus)", "en": "Threshold (cosine)"},
    "duplicates_none": {
        "nl": "Geen paren boven de drempel.",
        "en": "No pairs above the threshold.",
    },
    "rebuild": {"nl": "Index opnieuw bouwen", "en": "Rebuild index"},
    "rebuild_help": {
        "nl": "Leest de kennisbank opnieuw van schijf en bouwt de zoekindex; wijzigingen zijn daarna direct zichtbaar.",
        "en": "Reads the knowledge base from disk again and rebuilds the search index; changes show right away.",
    },
    "rebuilt": {"nl": "Index opnieuw gebouwd.", "en": "Index rebuilt."},
    "manifest": {"nl": "Index", "en": "Index"},
    "no_manifest": {
        "nl": "Er is nog geen opgeslagen index.",
        "en": "There is no stored index yet.",
    },
    # beheer: editing, review, history, roles (issue 15)
    "read_only": {
        "nl": "Alleen lezen: u heeft geen adviseursrol. Bewerken, beoordelen en herbouwen kunnen alleen adviseurs.",
        "en": "Read-only: you do not have the adviser role. Only advisers can edit, review and rebuild.",
    },
    "login_title": {"nl": "Interventiewijzer: inloggen", "en": "Intervention guide: sign in"},
    "login": {"nl": "Inloggen", "en": "Sign in"},
    "logout": {"nl": "Uitloggen", "en": "Sign out"},
    "signed_in_as": {"nl": "Ingelogd als {name} ({role})", "en": "Signed in as {name} ({role})"},
    "role_adviser": {"nl": "adviseur", "en": "adviser"},
    "role_reader": {"nl": "alleen lezen", "en": "read-only"},
    "tab_overview": {"nl": "Overzicht", "en": "Overview"},
    "tab_edit": {"nl": "Bewerken", "en": "Edit"},
    "tab_history": {"nl": "Geschiedenis", "en": "History"},
    "col_file": {"nl": "bestand", "en": "file"},
    "col_line": {"nl": "regel", "en": "line"},
    "col_field": {"nl": "veld", "en": "field"},
    "col_message": {"nl": "melding", "en": "message"},
    "dup_a": {"nl": "Vermelding A", "en": "Entry A"},
    "dup_b": {"nl": "Vermelding B", "en": "Entry B"},
    "dup_cosine": {"nl": "Gelijkenis (cosinus)", "en": "Similarity (cosine)"},
    "dup_id_a": {"nl": "Id A", "en": "Id A"},
    "dup_id_b": {"nl": "Id B", "en": "Id B"},
    "edit_title": {"nl": "Vermelding bewerken of toevoegen", "en": "Edit or add an entry"},
    "edit_pick": {"nl": "Vermelding", "en": "Entry"},
    "edit_new": {"nl": "＋ Nieuwe vermelding", "en": "＋ New entry"},
    "edit_type": {"nl": "Type", "en": "Type"},
    "edit_slug": {"nl": "Slug (bestandsnaam)", "en": "Slug (file name)"},
    "edit_slug_help": {
        "nl": "Kleine letters, cijfers en koppeltekens, bv. gezinsgerichte-aanpak.",
        "en": "Lower-case letters, digits and hyphens, e.g. gezinsgerichte-aanpak.",
    },
    "edit_need_slug": {
        "nl": "Kies een type en vul een slug in om te beginnen.",
        "en": "Choose a type and enter a slug to start.",
    },
    "edit_preview": {
        "nl": "Voorbeeld: zo toont de Kennisbank deze vermelding",
        "en": "Preview: this is how the Knowledge base shows this entry",
    },
    "edit_preview_invalid": {
        "nl": "Het voorbeeld verschijnt zodra de vermelding geldig is.",
        "en": "The preview appears once the entry is valid.",
    },
    "edit_invalid": {
        "nl": "{count} probleem/problemen; er wordt niets opgeslagen zolang de vermelding ongeldig is.",
        "en": "{count} problem(s); nothing is saved while the entry is invalid.",
    },
    "edit_unchanged": {"nl": "Geen wijzigingen.", "en": "No changes."},
    "edit_save": {"nl": "Opslaan", "en": "Save"},
    "edit_saved": {
        "nl": "Opgeslagen in {path}. De index wordt op de achtergrond bijgewerkt.",
        "en": "Saved to {path}. The index is updated in the background.",
    },
    "one_per_line": {"nl": "Eén per regel.", "en": "One per line."},
    "field_title": {"nl": "Titel", "en": "Title"},
    "field_aliases": {"nl": "Andere namen (aliases)", "en": "Other names (aliases)"},
    "field_summary": {"nl": "Samenvatting", "en": "Summary"},
    "field_phenomena": {"nl": "Fenomenen", "en": "Phenomena"},
    "field_domains": {"nl": "Domeinen", "en": "Domains"},
    "field_age_groups": {"nl": "Leeftijdsgroepen", "en": "Age groups"},
    "field_age_min": {"nl": "Minimumleeftijd", "en": "Minimum age"},
    "field_age_max": {"nl": "Maximumleeftijd", "en": "Maximum age"},
    "field_roles": {"nl": "Rollen", "en": "Roles"},
    "field_levels": {"nl": "Niveaus", "en": "Levels"},
    "field_evidence": {"nl": "Erkenning / onderbouwing", "en": "Recognition / evidence"},
    "field_partners": {"nl": "Partners en hun rol", "en": "Partners and their role"},
    "field_role": {"nl": "Rol", "en": "Role"},
    "field_id": {"nl": "Id", "en": "Id"},
    "field_decision_maker": {"nl": "Wie besluit", "en": "Who decides"},
    "field_legal_basis": {"nl": "Juridische basis", "en": "Legal basis"},
    "field_law": {"nl": "Wet", "en": "Law"},
    "field_article": {"nl": "Artikel", "en": "Article"},
    "field_url": {"nl": "URL", "en": "URL"},
    "field_combines_with": {"nl": "Combineren met", "en": "Combines with"},
    "field_alternatives": {"nl": "Alternatieven", "en": "Alternatives"},
    "field_sources": {"nl": "Bronnen", "en": "Sources"},
    "field_publisher": {"nl": "Uitgever", "en": "Publisher"},
    "field_last_reviewed": {"nl": "Laatst beoordeeld", "en": "Last reviewed"},
    "field_status": {"nl": "Status", "en": "Status"},
    "field_mandate": {"nl": "Mandaat", "en": "Mandate"},
    "field_access": {"nl": "Bereikbaarheid", "en": "How to reach"},
    "field_for_whom": {"nl": "Voor wie (werkt op)", "en": "For whom (acts on)"},
    "field_scope": {"nl": "Reikwijdte", "en": "Scope"},
    "field_requires": {"nl": "Alleen als (signalen)", "en": "Only if (signals)"},
    "field_excludes": {"nl": "Niet als (signalen)", "en": "Not if (signals)"},
    "field_region": {"nl": "Regio", "en": "Region"},
    "field_protective": {"nl": "Beschermend", "en": "Protective"},
    "field_protects": {"nl": "Beschermt tegen (signalen)", "en": "Protects against (signals)"},
    "review_months": {"nl": "Herzieningstermijn (maanden)", "en": "Review interval (months)"},
    "review_order": {
        "nl": "Conceptvermeldingen en vermeldingen na de termijn; vaakst aanbevolen eerst (geteld over de antwoorden op de evaluatiecasussen en workshopcasussen).",
        "en": "Concept entries and entries past the interval; most often recommended first (counted over the answers to the evaluation and workshop cases).",
    },
    "review_counting": {
        "nl": "Het tellen van aanbevelingen loopt nog op de achtergrond; tot dan staan de oudste beoordelingen bovenaan.",
        "en": "Counting recommendations is still running in the background; until then the oldest reviews come first.",
    },
    "queue_id": {"nl": "id", "en": "id"},
    "queue_titel": {"nl": "titel", "en": "title"},
    "queue_type": {"nl": "type", "en": "type"},
    "queue_status": {"nl": "status", "en": "status"},
    "queue_last_reviewed": {"nl": "laatst beoordeeld", "en": "last reviewed"},
    "queue_aanbevolen": {"nl": "keer aanbevolen", "en": "times recommended"},
    "queue_reden": {"nl": "reden", "en": "reason"},
    "review_pick": {"nl": "Beoordeel", "en": "Review"},
    "review_tick": {
        "nl": "Vink elke bron aan nadat u hebt gecontroleerd dat ze de tekst draagt.",
        "en": "Tick each source once you have checked that it backs the text.",
    },
    "review_by": {"nl": "Beoordeeld door", "en": "Reviewed by"},
    "review_mark": {"nl": "Markeer als beoordeeld (actueel)", "en": "Mark as reviewed (current)"},
    "review_done": {
        "nl": "{id} is beoordeeld en staat nu op actueel.",
        "en": "{id} has been reviewed and is now current.",
    },
    "history_title": {"nl": "Geschiedenis", "en": "History"},
    "history_off": {
        "nl": "Geschiedenis staat uit: de kennisbank staat niet in een git-repository (of git ontbreekt). Opslaan werkt gewoon.",
        "en": "History is off: the knowledge base is not in a git repository (or git is missing). Saving still works.",
    },
    "history_pick": {"nl": "Vermelding", "en": "Entry"},
    "history_none": {"nl": "Nog geen versies in git.", "en": "No versions in git yet."},
    "history_commit": {"nl": "Versie", "en": "Version"},
    "history_no_diff": {"nl": "(geen verschil)", "en": "(no difference)"},
    "history_restore": {"nl": "Zet deze versie terug", "en": "Restore this version"},
    "history_restored": {
        "nl": "Versie {sha} teruggezet en vastgelegd.",
        "en": "Version {sha} restored and recorded.",
    },
    "history_failed": {
        "nl": "Geschiedenis niet bijgewerkt: {error}",
        "en": "History not updated: {error}",
    },
    "hist_date": {"nl": "datum", "en": "date"},
    "hist_author": {"nl": "auteur", "en": "author"},
    "hist_message": {"nl": "wijziging", "en": "change"},
    "index_out_of_date": {
        "nl": "De index is verouderd: de kennisbank is gewijzigd. Hij wordt op de achtergrond opnieuw gebouwd; tot dan antwoordt de app met de vorige index.",
        "en": "The index is out of date: the knowledge base changed. It is being rebuilt in the background; until then the app answers with the previous index.",
    },
    "rebuild_started": {
        "nl": "Herbouw gestart op de achtergrond.",
        "en": "Rebuild started in the background.",
    },
    "rebuild_failed": {
        "nl": "De laatste herbouw is mislukt; de vorige index blijft in gebruik: {error}",
        "en": "The last rebuild failed; the previous index stays in use: {error}",
    },
    # workshop
    "workshop_title": {"nl": "Workshop", "en": "Workshop"},
    "workshop_intro": {
        "nl": "Kies een casus, loop de stappen door met de groep, laat de groep kiezen en onthul dan "
        "het antwoord van de Interventiewijzer en van de expert.",
        "en": "Pick a case, walk through the steps with the group, let the group choose, then reveal "
        "the answers of the guide and of the expert.",
    },
    "choose_case": {"nl": "Casus", "en": "Case"},
    "step": {"nl": "Stap {n} van {total}", "en": "Step {n} of {total}"},
    "previous": {"nl": "← Vorige stap", "en": "← Previous step"},
    "next": {"nl": "Volgende stap →", "en": "Next step →"},
    "group_choice": {"nl": "Keuze van de groep", "en": "The group’s choice"},
    "reveal": {"nl": "Onthul de antwoorden", "en": "Reveal the answers"},
    "hide": {"nl": "Verberg de antwoorden", "en": "Hide the answers"},
    "answer_group": {"nl": "Groep", "en": "Group"},
    "answer_guide": {"nl": "Interventiewijzer", "en": "Guide"},
    "answer_expert": {"nl": "Expert", "en": "Expert"},
    "questions": {"nl": "Discussievragen", "en": "Discussion questions"},
    "trainer_notes": {"nl": "Toelichting voor de trainer", "en": "Notes for the trainer"},
    "handout": {"nl": "Download handout (Word)", "en": "Download handout (Word)"},
    "handout_md": {"nl": "Download handout (Markdown)", "en": "Download handout (Markdown)"},
    "no_cases": {
        "nl": "Er zijn geen casussen in kb/casussen/.",
        "en": "There are no cases in kb/casussen/.",
    },
    "overlap": {
        "nl": "Overeenkomst groep en expert: {count}",
        "en": "Group and expert agree on: {count}",
    },
    "ws_overlap": {
        "nl": "{shared} van de {total} keuzes gedeeld",
        "en": "{shared} of the {total} choices shared",
    },
    "ws_group_tally": {
        "nl": "Groep: {count} keuzes, {expert} gedeeld met de expert, {tool} met de Interventiewijzer",
        "en": "Group: {count} choices, {expert} shared with the expert, {tool} with the guide",
    },
    "ws_shared": {"nl": "gedeeld", "en": "shared"},
    "ws_not_shared": {"nl": "niet gedeeld", "en": "not shared"},
    "ws_presenter": {"nl": "Presentatiemodus", "en": "Presenter mode"},
    "ws_presenter_help": {
        "nl": "Groot lettertype, één stap tegelijk, zonder zijbalk; druk op F11 voor volledig scherm.",
        "en": "Large type, one step at a time, no sidebar; press F11 for full screen.",
    },
    # lokale analyse
    "la_title": {"nl": "Lokale analyse", "en": "Local analysis"},
    "la_intro": {
        "nl": "Van een niet-pluisgevoel naar concrete cijfers, een gedeeld probleem en een plan dat het "
        "college kan vaststellen. Gebruik alleen pseudoniemen. Er wordt niets op de server bewaard: sla "
        "de analyse op als bestand en open dat bestand later weer.",
        "en": "From an uneasy feeling to concrete figures, a shared problem and a plan for the council. "
        "Use pseudonyms only. Nothing is kept on the server: save the analysis as a file and open it later.",
    },
    "la_sample": {"nl": "Laad het voorbeeld (fictief)", "en": "Load the (fictional) example"},
    "la_open": {"nl": "Open een opgeslagen analyse (.json)", "en": "Open a saved analysis (.json)"},
    "la_load_failed": {
        "nl": "Het bestand kon niet worden geopend: {error}.",
        "en": "The file could not be opened: {error}.",
    },
    "la_name": {"nl": "Naam van de analyse", "en": "Name of the analysis"},
    "la_municipality": {"nl": "Gemeente", "en": "Municipality"},
    "la_date": {"nl": "Datum", "en": "Date"},
    "la_step_1": {"nl": "1. Signalen", "en": "1. Signals"},
    "la_step_2": {"nl": "2. Netwerk in beeld", "en": "2. Network"},
    "la_step_3": {"nl": "3. Cijfers", "en": "3. Figures"},
    "la_step_4": {"nl": "4. Partners aan tafel", "en": "4. Partners"},
    "la_step_5": {"nl": "5. Gedeeld probleem", "en": "5. Shared problem"},
    "la_step_6": {"nl": "6. Aanpak", "en": "6. Approach"},
    "la_step_7": {"nl": "7. Export", "en": "7. Export"},
    "la_signals_intro": {
        "nl": "Vink per fenomeen aan wat partners zelf hebben gezien; de signalen komen uit openbare bronnen.",
        "en": "Tick per phenomenon what partners have seen themselves; the signals come from public sources.",
    },
    "la_notes": {"nl": "Notities (pseudoniemen)", "en": "Notes (pseudonyms)"},
    "la_pii": {
        "nl": "Let op: dit lijkt persoonsgegevens te bevatten ({kinds}). Gebruik pseudoniemen.",
        "en": "Note: this seems to contain personal data ({kinds}). Use pseudonyms.",
    },
    "la_network_intro": {
        "nl": "Eén regel per persoon: het huishouden (code en naam), het pseudoniem, de leeftijd en de rol. "
        "Daaronder de banden tussen huishoudens.",
        "en": "One row per person: household (code and name), pseudonym, age and role. Below: ties between households.",
    },
    "la_invalid_row": {"nl": "Ongeldige regel", "en": "Invalid row"},
    "la_figures_intro": {
        "nl": "Welke partner heeft welke cijfers, en via welke afspraak mogen ze gedeeld worden? Vul de aantallen per periode in.",
        "en": "Which partner holds which figures, and under which arrangement may they be shared? Enter counts per period.",
    },
    "la_at_table": {"nl": "Partners aan tafel", "en": "Partners at the table"},
    "la_missing": {
        "nl": "Nog niet aan tafel, wel nodig voor de gevonden fenomenen",
        "en": "Not at the table yet, but needed",
    },
    "la_generate": {"nl": "Stel een probleemdefinitie op", "en": "Draft a problem definition"},
    "la_problem": {
        "nl": "Gedeelde probleemdefinitie (aan te passen)",
        "en": "Shared problem definition (editable)",
    },
    "la_propose": {"nl": "Stel een aanpak voor", "en": "Propose an approach"},
    "la_need_signals": {
        "nl": "Vink eerst signalen aan in stap 1.",
        "en": "Tick signals in step 1 first.",
    },
    "la_references": {
        "nl": "Onbekende verwijzingen: {problems}",
        "en": "Unknown references: {problems}",
    },
    "la_save": {"nl": "Sla de analyse op (.json)", "en": "Save the analysis (.json)"},
    "la_word": {"nl": "Download rapport (Word)", "en": "Download report (Word)"},
    "la_markdown": {"nl": "Download rapport (Markdown)", "en": "Download report (Markdown)"},
    "la_col_household": {"nl": "Huishouden (code)", "en": "Household (code)"},
    "la_col_household_name": {
        "nl": "Naam huishouden (pseudoniem)",
        "en": "Household name (pseudonym)",
    },
    "la_col_person": {"nl": "Persoon (pseudoniem)", "en": "Person (pseudonym)"},
    "la_col_age": {"nl": "Leeftijd", "en": "Age"},
    "la_col_role": {"nl": "Rol", "en": "Role"},
    "la_col_from": {"nl": "Van", "en": "From"},
    "la_col_to": {"nl": "Naar", "en": "To"},
    "la_col_tie": {"nl": "Soort band", "en": "Kind of tie"},
    "la_col_source": {"nl": "Bron", "en": "Source"},
    "la_col_period": {"nl": "Periode", "en": "Period"},
    "la_col_count": {"nl": "Aantal", "en": "Count"},
    "la_col_note": {"nl": "Toelichting", "en": "Note"},
    "la_col_level": {"nl": "Niveau", "en": "Level"},
    "la_col_entry": {"nl": "Onderdeel", "en": "Entry"},
    "la_col_for": {"nl": "Voor wie", "en": "For whom"},
    "la_col_owner": {"nl": "Eigenaar", "en": "Owner"},
    "la_col_first_step": {"nl": "Eerste stap", "en": "First step"},
    "la_max_chars": {"nl": "Maximaal {limit} tekens.", "en": "At most {limit} characters."},
    "la_range": {
        "nl": "Een heel getal van 0 tot en met {limit}.",
        "en": "A whole number from 0 to {limit}.",
    },
    "la_required_cells": {
        "nl": "Nieuwe regels typt u in de velden onder de tabel; Enter voegt de regel toe. "
        "Velden met * zijn verplicht. In de tabel past u een cel aan door erop te dubbelklikken "
        "en met Enter te bevestigen; een regel verwijdert u door hem aan te vinken en op het "
        "prullenbakje te klikken.",
        "en": "Type new rows into the fields below the table; Enter adds the row. Fields marked * "
        "are required. In the table, double-click a cell to change it and confirm with Enter; "
        "tick a row and click the bin to delete it.",
    },
    "la_problem_required": {
        "nl": "Regel {row}: vul '{column}' in; de regel telt nog niet mee.",
        "en": "Row {row}: fill in '{column}'; the row does not count yet.",
    },
    "la_problem_too_long": {
        "nl": "Regel {row}: '{column}' is langer dan {limit} tekens en is ingekort.",
        "en": "Row {row}: '{column}' is longer than {limit} characters and was shortened.",
    },
    "la_problem_not_a_number": {
        "nl": "Regel {row}: '{column}' moet een heel getal zijn.",
        "en": "Row {row}: '{column}' must be a whole number.",
    },
    "la_problem_out_of_range": {
        "nl": "Regel {row}: '{column}' moet tussen 0 en {limit} liggen.",
        "en": "Row {row}: '{column}' must be between 0 and {limit}.",
    },
    "la_problem_bad_code": {
        "nl": "Regel {row}: '{column}' mag alleen letters, cijfers, - en _ bevatten (maximaal {limit}).",
        "en": "Row {row}: '{column}' may only hold letters, digits, - and _ (at most {limit}).",
    },
    "la_problem_unknown": {
        "nl": "Regel {row}: kies bij '{column}' een waarde uit de lijst.",
        "en": "Row {row}: choose '{column}' from the list.",
    },
    "la_problem_too_many": {
        "nl": "Vanaf regel {row}: te veel regels; de rest telt niet mee.",
        "en": "From row {row}: too many rows; the rest is ignored.",
    },
    "la_problem_more": {"nl": "En nog {count} meldingen.", "en": "And {count} more."},
    "la_approach_intro": {
        "nl": "Het voorstel komt uit de rangschikking voor wat de analyse vond: de aangevinkte "
        "signalen, de personen in het netwerk met leeftijd en rol, en de cijfers. Eigenaar en eerste "
        "stap komen uit 'Wie doet wat' van elk onderdeel en zijn aan te passen.",
        "en": "The proposal comes from the ranking for what the analysis found: the ticked signals, "
        "the people in the network with age and role, and the figures. Owner and first step come "
        "from each entry's 'Wie doet wat' and can be edited.",
    },
    "la_add_members": {"nl": "Voeg persoon toe", "en": "Add person"},
    "la_add_ties": {"nl": "Voeg band toe", "en": "Add tie"},
    "la_add_figures": {"nl": "Voeg cijfer toe", "en": "Add figure"},
    "la_add_plan": {"nl": "Voeg regel toe", "en": "Add line"},
    "la_add_missing": {
        "nl": "Nog niet toegevoegd: vul eerst {columns} in. Wat u typte staat er nog.",
        "en": "Not added yet: first fill in {columns}. What you typed is still there.",
    },
    "la_for": {"nl": "Voor {person}", "en": "For {person}"},
    "la_invalid_fields": {
        "nl": "Deze velden zijn ongeldig en moeten worden aangepast: {fields}.",
        "en": "These fields are invalid and need changing: {fields}.",
    },
}

def test_seed_article_is_served(client, seeded):
    response = client.get("/insights/balanced-gut-healthy-skin/")
    assert response.status_code == 200
    assert b"Back to insights" in response.content

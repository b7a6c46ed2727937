"""Stories: articles about one real-world event, grouped online as the articles arrive."""

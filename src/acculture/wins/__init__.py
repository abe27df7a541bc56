"""Small wins: what people did with digital tools, and the kudos they got."""

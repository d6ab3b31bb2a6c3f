"""The resident's side: for now the public self-registration form ("Ik zit vast en wil
hulp"), reachable without login. Staff apps never import from here."""

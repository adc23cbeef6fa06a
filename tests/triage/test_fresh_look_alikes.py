"""Fresh look-alike headlines that are not compute deals: launches naming customers, deal
round-ups, models offered or licensed through a cloud, unrelated denials, a brand on hardware.
Written for the generality pass in our own words; none comes from the devset."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from briefings.models import Verdict

Judge = Callable[..., Verdict]


NOT_DEALS = [
    ("Nvidia GPUs power new CoreWeave region in Texas",
     "The region opens next month."),
    ("Microsoft denies report it will fire Nvidia chief",
     ""),
    ("Meta denies report of layoffs in its AI unit",
     "The company said the report was untrue."),
    ("OpenAI denies Microsoft lawsuit claims",
     ""),
    ("xAI denies report that Nvidia invested in its latest round",
     ""),
    ("AMD unveils MI450 accelerators, names OpenAI and Oracle as early customers",
     "The chip launches next year, AMD said at its event."),
    ("Nvidia launches Rubin CPX; Microsoft, Meta among first customers",
     "The new GPU targets long-context inference."),
    ("Jensen Huang says Nvidia has $500 billion of Blackwell and Rubin orders booked",
     "The CEO said customers including OpenAI and Microsoft are lining up."),
    ("Mistral's new model now available on Google Cloud Vertex AI marketplace",
     "Customers can deploy the model through the marketplace."),
    ("Apple to license Google's Gemini model to power new Siri",
     "Apple will pay about $1 billion a year, people familiar said."),
    ("Cohere partners with Oracle to distribute its models to OCI customers",
     "The partnership brings Command models to Oracle's cloud."),
    ("Anthropic's Claude models come to Microsoft Foundry under new partnership",
     "Microsoft customers can use Claude through Foundry."),
    ("CoreWeave adds more Nvidia Blackwell GPUs to its Texas site",
     "The new racks go live next quarter, the company said."),
    ("Amazon denies report it will cut Alexa staff",
     "The company said the report was inaccurate."),
    ("OpenAI denies report CEO is leaving",
     ""),
    ("Nvidia denies report of antitrust probe in China",
     ""),
    ("Qualcomm launches AI200 rack-scale accelerator, Humain first customer",
     "Qualcomm unveiled the AI200 and AI250 at its event in San Diego, naming Saudi "
     "Arabia's Humain as a launch customer."),
    ("Google debuts Ironwood TPU; Anthropic, Meta among early users",
     "The seventh-generation TPU targets inference workloads."),
    ("AWS introduces Trainium3 UltraServers at re:Invent",
     "Customers including Anthropic and Decart are already testing the chips, AWS said."),
    ("AMD's Lisa Su tallies $100 billion in data center commitments",
     "Su listed customers including OpenAI, Oracle and Meta in a keynote on Thursday."),
    ("Anthropic's Claude now available on Google Cloud's Vertex AI in more regions",
     "Customers can call the models through the Vertex AI API."),
    ("Samsung to license Perplexity's AI for Galaxy assistant",
     "The deal brings Perplexity's answer engine to Samsung phones."),
    ("Mistral and Microsoft partner to distribute Mistral Large on Azure",
     "Azure customers will be able to use Mistral Large through the Azure AI Foundry catalog."),
    ("Microsoft to use Anthropic models in Copilot alongside OpenAI",
     "The software maker will pay Amazon's cloud to access Claude, people familiar said."),
    ("SK Telecom partners with Anthropic on Korean-language model",
     "SK Telecom will invest in the lab."),
    ("AI roundup: OpenAI, Anthropic and the week's biggest compute deals",
     "A look back at the deals with Nvidia, AMD, Google and Amazon."),
    ("Apple weighs Google Gemini to power revamped Siri, report says",
     "Apple would pay Google for a custom Gemini model, Bloomberg reported."),
    ("Nvidia GPUs power new Lambda cloud region in Kansas City",
     "The site opens next month with 10,000 Blackwell GPUs."),
    ("Crusoe and Oracle deny report of Abilene contract dispute",
     ""),
    ("Nvidia trims CoreWeave stake, filing shows",
     "Nvidia sold 1 million shares of the GPU cloud provider, a regulatory filing showed."),
    ("CoreWeave CEO says Nvidia GPU allocation remains tight",
     "He told an investor conference that demand for compute exceeds supply."),
    ("Crusoe raises $1.4 billion as Nvidia joins funding round",
     "The valuation topped $13 billion."),
    ("Lambda's new Nvidia B200 cloud is now generally available",
     "Developers can rent instances by the hour."),
    ("Nvidia unveils DGX Cloud Lepton marketplace with CoreWeave, Lambda and Nebius",
     "Developers can find GPU capacity across partners."),
    ("Microsoft and OpenAI deny report their partnership is in trouble",
     "Both said the relationship remained strong."),
    ("Amazon and OpenAI deny report of antitrust probe into their deal", ""),
    ("Microsoft rolls out Maia 200 chips in Azure data centers",
     "The in-house accelerator will run Copilot workloads."),
    # power equipment for a data center is not compute, whoever will use the site
    ("Nebius orders gas turbines from Mitsubishi Heavy for Texas AI site",
     "Nebius, which runs capacity used by Microsoft, said the units will power the 900-megawatt "
     "data center campus before a grid hookup, and will provide backup supply later."),
    ("Lambda buys fuel cells to run its Kansas City data center",
     "The fuel cells will provide power for GPU halls that serve customers like Meta, Lambda "
     "said in a deal announced Monday."),
]


@pytest.mark.parametrize(("title", "text"), NOT_DEALS)
def test_fresh_look_alikes(judge: Judge, title: str, text: str) -> None:
    assert not judge(title, text).relevant


@pytest.mark.parametrize(("title", "text", "outlet", "official"), [
    ("Announcing general availability of Azure ND instances with AMD Instinct GPUs",
     "Microsoft today announced that the new virtual machines, powered by AMD accelerators, "
     "are available to all customers in three regions. Customers can reserve capacity now.",
     "Microsoft Azure Blog", ("Microsoft",)),
    ("Google Cloud A5 clusters with Nvidia Blackwell GPUs are now generally available",
     "Google said customers can rent the clusters from today, powered by Nvidia chips.",
     "Example Wire", ()),
])
def test_a_product_made_generally_available_is_a_launch(
        judge: Judge, title: str, text: str, outlet: str, official: tuple[str, ...]) -> None:
    assert not judge(title, text, outlet=outlet, official_for=official).relevant
